package org.carerota.api.report;

import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.shared.database.Transactions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Recomputes, every {@code carerota.reports.refresh-interval}, the report facts of the days that
 * changed since they were computed (a rota published, check-ins ingested: infra's triggers mark
 * the days), so that the next report finds them ready. Reports never depend on it: each one
 * refreshes the days it reads first ({@link ReportService}); this only takes that work off the
 * report's path. Several instances may run it: the database lets one refresh run at a time.
 */
@Component
class ReportRefresher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReportRefresher.class);

    private final Transactions transactions;
    private final ReportRepository repository;
    private final ReportProperties properties;
    private @Nullable Disposable ticks;
    private volatile boolean running;

    ReportRefresher(Transactions transactions, ReportRepository repository, ReportProperties properties) {
        this.transactions = transactions;
        this.repository = repository;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
        if (properties.refreshInterval().isZero()) {
            log.info("Background report refresh is off (carerota.reports.refresh-interval=0)");
            return;
        }
        ticks = Flux.interval(properties.refreshInterval())
                .onBackpressureDrop()
                .concatMap(tick -> refreshOnce().onErrorResume(e -> {
                    log.warn("Refreshing report facts failed: {}", e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    /** One pass: the changed days (at most {@code carerota.reports.refresh-days}); how many. */
    Mono<Integer> refreshOnce() {
        return transactions
                .writeAs(TenantContext.SYSTEM, db -> repository.refreshStale(db, properties.refreshDays()))
                .doOnNext(days -> {
                    if (days > 0) {
                        log.debug("Recomputed the report facts of {} day(s)", days);
                    }
                });
    }

    @Override
    public void stop() {
        running = false;
        if (ticks != null) {
            ticks.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
