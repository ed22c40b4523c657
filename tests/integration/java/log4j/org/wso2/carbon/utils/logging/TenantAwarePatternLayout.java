package org.wso2.carbon.utils.logging;

/** Stand-in: Carbon's layout is a log4j PatternLayout with tenant conversions, which the logfmt layout does not use. */
public class TenantAwarePatternLayout extends org.apache.log4j.PatternLayout {
    public void setTenantPattern(String pattern) {
    }
}
