package org.carerota.api.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.carerota.api.shared.database.TenantContext;
import org.carerota.api.shared.database.Transactions;
import org.carerota.planner.generator.RegionGenerator;
import org.carerota.planner.io.ProblemDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the demo region on the first start of the demo profile: generated, turned into rows and
 * inserted in one transaction, so a crash half-way leaves nothing and the next start tries again;
 * once loaded, later starts find it and leave it alone.
 */
@Component
@Profile("demo")
@Order(DemoRegionLoader.ORDER)
class DemoRegionLoader implements ApplicationRunner {

    /** Runs before anything that needs the demo data (demo users, the first rota). */
    static final int ORDER = 0;

    private static final Logger log = LoggerFactory.getLogger(DemoRegionLoader.class);

    private final Transactions transactions;
    private final DemoProperties properties;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    DemoRegionLoader(Transactions transactions, DemoProperties properties, Clock clock) {
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.loadRegion()) {
            log.info("Demo region loading is off (carerota.demo.load-region=false)");
            return;
        }
        Boolean loaded = load().block();
        if (Boolean.TRUE.equals(loaded)) {
            log.info("Demo region loaded: Norfolk and Waveney, size {}, {} days", properties.size(), properties.days());
        } else {
            log.info("Demo region already present: nothing loaded");
        }
    }

    /** Loads the region unless it is there; emits whether it loaded anything. */
    Mono<Boolean> load() {
        return transactions.writeAs(
                TenantContext.SYSTEM, db -> alreadyLoaded(db).flatMap(present -> {
                    if (present) {
                        return Mono.just(false);
                    }
                    LocalDate from = LocalDate.now(clock);
                    ProblemDocument region = RegionGenerator.generate(
                            RegionGenerator.Size.valueOf(properties.size()),
                            properties.seed(),
                            from,
                            properties.days());
                    List<DemoRegion.Table> tables = DemoRegion.tables(region);
                    return Flux.fromIterable(tables)
                            .concatMap(table -> insert(db, table))
                            .then(Mono.just(true));
                }));
    }

    private static Mono<Boolean> alreadyLoaded(DatabaseClient db) {
        return db.sql("select exists (select 1 from organisations where external_ref = :ref)")
                .bind("ref", DemoRegion.ICB_REF)
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one();
    }

    private Mono<Long> insert(DatabaseClient db, DemoRegion.Table table) {
        if (table.rows().isEmpty()) {
            return Mono.just(0L);
        }
        String columns = columnNames(table.columns());
        String sql = "insert into " + table.name() + " (" + columns + ") select " + columns
                + " from jsonb_to_recordset(cast(:rows as jsonb)) as r(" + table.columns() + ")";
        return db.sql(sql)
                .bind("rows", json.writeValueAsString(table.rows()))
                .fetch()
                .rowsUpdated()
                .doOnNext(n -> log.debug("demo: {} rows into {}", n, table.name()));
    }

    /** {@code "id uuid, name text"} → {@code "id, name"}. */
    static String columnNames(String definitions) {
        return java.util.Arrays.stream(definitions.split(","))
                .map(String::trim)
                .map(definition -> definition.substring(0, definition.indexOf(' ')))
                .collect(Collectors.joining(", "));
    }
}
