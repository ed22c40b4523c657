package org.wso2.carbon.utils.logging.appenders;

/** Stand-in: Carbon's daily file appender is a log4j DailyRollingFileAppender. */
public class CarbonDailyRollingFileAppender extends org.apache.log4j.DailyRollingFileAppender {
}
