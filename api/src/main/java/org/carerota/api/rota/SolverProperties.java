package org.carerota.api.rota;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the solver worker ({@code carerota.solver.*}).
 *
 * @param worker whether this instance claims and solves jobs (an api-only instance sets false)
 * @param threads solves at once on this instance (0: half the processors, at least 1)
 * @param pollInterval how often an idle worker looks for queued jobs (new jobs of this instance wake it at once)
 * @param lease how long a claimed job stays this worker's without renewal (then another worker takes it over)
 * @param defaultTimeLimitSeconds solver time when generateRota names none
 * @param maxTimeLimitSeconds the most a caller may ask for
 * @param sameDayTimeLimitSeconds solver time of a same-day re-plan when the mutation names none
 */
@ConfigurationProperties("carerota.solver")
public record SolverProperties(
        @DefaultValue("true") boolean worker,
        @DefaultValue("0") int threads,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("30") int defaultTimeLimitSeconds,
        @DefaultValue("600") int maxTimeLimitSeconds,
        @DefaultValue("10") int sameDayTimeLimitSeconds) {

    int effectiveThreads() {
        return threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
