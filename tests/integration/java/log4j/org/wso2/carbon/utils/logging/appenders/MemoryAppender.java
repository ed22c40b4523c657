package org.wso2.carbon.utils.logging.appenders;

import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.spi.LoggingEvent;

/** Stand-in: keeps nothing (Carbon's keeps the last events for the management console). */
public class MemoryAppender extends AppenderSkeleton {
    public void setBufferSize(int size) {
    }

    protected void append(LoggingEvent event) {
    }

    public void close() {
    }

    public boolean requiresLayout() {
        return true;
    }
}
