package org.carerota.api.report;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Report settings ({@code carerota.reports.*}).
 *
 * @param suppressionThreshold the smallest count shown to a commissioner: counts from 1 to one
 *     below it are suppressed, and means need at least this many people or carers behind them
 * @param maxPeriodDays the longest period one report may cover (inclusive days)
 * @param refreshInterval how often {@link ReportRefresher} recomputes the report facts of days that
 *     changed (published rotas, ingested check-ins...) so that the next report need not; zero turns
 *     it off (reports still refresh what they read)
 * @param refreshDays the most days one background refresh recomputes (newest first)
 */
@ConfigurationProperties("carerota.reports")
public record ReportProperties(
        @DefaultValue("8") int suppressionThreshold,
        @DefaultValue("92") int maxPeriodDays,
        @DefaultValue("30s") Duration refreshInterval,
        @DefaultValue("7") int refreshDays) {

    public ReportProperties {
        if (suppressionThreshold < 1) {
            throw new IllegalArgumentException("carerota.reports.suppression-threshold must be at least 1");
        }
        if (maxPeriodDays < 1) {
            throw new IllegalArgumentException("carerota.reports.max-period-days must be at least 1");
        }
        if (refreshInterval.isNegative()) {
            throw new IllegalArgumentException("carerota.reports.refresh-interval must not be negative");
        }
        if (refreshDays < 1) {
            throw new IllegalArgumentException("carerota.reports.refresh-days must be at least 1");
        }
    }
}
