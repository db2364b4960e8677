package org.carerota.api.report;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Report settings ({@code carerota.reports.*}).
 *
 * @param suppressionThreshold the smallest count shown to a commissioner: counts from 1 to one
 *     below it are suppressed, and means need at least this many people or carers behind them
 * @param maxPeriodDays the longest period one report may cover (inclusive days)
 */
@ConfigurationProperties("carerota.reports")
public record ReportProperties(@DefaultValue("8") int suppressionThreshold, @DefaultValue("92") int maxPeriodDays) {

    public ReportProperties {
        if (suppressionThreshold < 1) {
            throw new IllegalArgumentException("carerota.reports.suppression-threshold must be at least 1");
        }
        if (maxPeriodDays < 1) {
            throw new IllegalArgumentException("carerota.reports.max-period-days must be at least 1");
        }
    }
}
