package org.wso2.carbon.utils.logging.appenders;

/** Stand-in: Carbon's console appender is a log4j ConsoleAppender. */
public class CarbonConsoleAppender extends org.apache.log4j.ConsoleAppender {
}
