package org.carerota.api.rota;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.shared.database.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * On the first start of the demo profile, after the demo region and the demo users: generates and
 * publishes the rota of the first demo day for each provider's busiest area (short solver time), so
 * a new user finds a real published rota within a minute. Runs in the background; does nothing when
 * a rota is already published for that day.
 */
@Component
@Profile("demo")
@Order(DemoRotaPublisher.ORDER)
class DemoRotaPublisher implements ApplicationRunner {

    /** After the demo region (0) and the demo users (10). */
    static final int ORDER = 100;

    private static final Logger log = LoggerFactory.getLogger(DemoRotaPublisher.class);

    private final Transactions transactions;
    private final RotaService rota;
    private final boolean enabled;
    private final int seconds;

    DemoRotaPublisher(
            Transactions transactions,
            RotaService rota,
            @Value("${carerota.demo.load-region:true}") boolean loadRegion,
            @Value("${carerota.demo.publish-rota:true}") boolean publishRota,
            @Value("${carerota.demo.rota-seconds:8}") int seconds) {
        this.transactions = transactions;
        this.rota = rota;
        this.enabled = loadRegion && publishRota;
        this.seconds = Math.max(1, seconds);
    }

    /** A provider's area to plan on the demo's first day. */
    record Target(UUID organisation, UUID area, LocalDate day) {}

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        publishFirstDay()
                .subscribe(
                        count -> log.info("Demo rota published for {} area(s) of the first demo day", count),
                        e -> log.warn("Demo rota could not be published: {}", e.toString()));
    }

    /** Generates and publishes; emits how many area rotas were published (0: already there or no data). */
    Mono<Integer> publishFirstDay() {
        return transactions
                .readAs(TenantContext.SYSTEM, db -> db.sql("select min(service_date) as first from visits")
                        .map(row -> java.util.Optional.ofNullable(row.get("first", LocalDate.class)))
                        .one())
                .flatMap(first -> first.map(Mono::just).orElseGet(Mono::empty))
                .flatMap(day -> transactions
                        .readAs(TenantContext.SYSTEM, db -> db.sql("select exists (select 1 from published_plan_days"
                                        + " where service_date = :day) as present")
                                .bind("day", day)
                                .map(row -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
                                .one())
                        .flatMap(present -> present ? Mono.<Integer>empty() : generate(day)))
                .defaultIfEmpty(0);
    }

    private Mono<Integer> generate(LocalDate day) {
        Mono<List<Target>> targets = transactions.readAs(TenantContext.SYSTEM, db -> db.sql(
                        "select distinct on (o.id) o.id as organisation, v.area_id, count(*) as visits"
                                + " from visits v join organisations o on o.id = v.organisation_id"
                                + " where o.kind = 'PROVIDER' and v.service_date = :day and v.status <> 'CANCELLED'"
                                + " group by o.id, v.area_id order by o.id, count(*) desc")
                .bind("day", day)
                .map(row -> new Target(row.get("organisation", UUID.class), row.get("area_id", UUID.class), day))
                .all()
                .collectList());
        return targets.flatMap(list -> {
            log.info("Generating the demo rota of {} for {} provider area(s), {} s each", day, list.size(), seconds);
            return Flux.fromIterable(list)
                    .concatMap(target -> transactions.writeAs(
                            TenantContext.SYSTEM,
                            db -> rota.queue(
                                    db,
                                    target.organisation(),
                                    target.area(),
                                    day,
                                    day,
                                    "GENERATE",
                                    null,
                                    "demo rota",
                                    seconds)))
                    .collectList()
                    .doOnNext(jobs -> rota.wakeWorker())
                    .flatMapMany(Flux::fromIterable)
                    .concatMap(job -> awaitPlan(job.id()))
                    .concatMap(planId -> rota.publishAs(TenantContext.SYSTEM, planId))
                    .filter(result -> result instanceof RotaResults.RotaPublished)
                    .count()
                    .map(Long::intValue);
        });
    }

    private Mono<UUID> awaitPlan(UUID jobId) {
        return Flux.interval(Duration.ofMillis(500))
                .onBackpressureDrop()
                .concatMap(tick -> rota.solverJobAs(TenantContext.SYSTEM, jobId))
                .filter(SolverJob::finished)
                .next()
                .timeout(Duration.ofSeconds(seconds * 4L + 120))
                .flatMap(job -> Mono.justOrEmpty(job.planId()));
    }
}
