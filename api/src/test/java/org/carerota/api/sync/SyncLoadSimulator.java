package org.carerota.api.sync;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.carerota.sync.SyncService;
import org.carerota.sync.SyncTransactions;
import org.carerota.sync.pull.AccessNotesReader;
import org.carerota.sync.shared.SyncJson;
import org.carerota.sync.shared.SyncSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The sync benchmark (mobile-sync/README.md, "Benchmark"): simulated carers' devices against a
 * running CareRota (demo profile, embedded database) on this machine, loopback only. It first
 * publishes today's rota for every carer of the demo region (plans, assignments, published days and
 * the change feed, as the database owner) and signs demo-issuer tokens for those carers with the
 * demo key; it warms the server up (not recorded), then runs the devices and prints throughput and
 * p50/p95/p99/max per operation, the errors, and whether the targets were met (exit 1 if not).
 *
 * <p><b>Arrival model</b> ({@code --model open}, the default), as the carer app syncs: each device
 * opens the app at a uniformly random moment of the ramp ({@code --ramp} seconds) and pulls a
 * snapshot; from then on its foreground timer fires every {@code --period} seconds (± 10 %), its
 * first tick at a random phase within one period (phones are not synchronised), and each tick sends
 * the outbox (a push of 10 events) and then an incremental pull, as the app does after recording or
 * on {@code online}. A device never has two syncs in flight (a tick that finds the previous one still
 * running is skipped and counted). Requests are sent asynchronously, so a slow answer does not delay
 * other devices' arrivals (open loop: arrivals do not wait for the server). After {@code --rounds}
 * ticks the device stops. Mean offered load: {@code devices / ramp} snapshots per second during the
 * ramp, then {@code 2 × devices / period} requests per second.
 *
 * <p>{@code --model closed --concurrency N} is the capacity test: N threads each run devices back to
 * back with no think time (snapshot, then rounds of push + incremental pull), so N requests are
 * always in flight.
 *
 * <pre>
 * java -cp "$(cat api/target/test-classpath.txt):api/target/test-classes:api/target/classes" \
 *   org.carerota.api.sync.SyncLoadSimulator --base http://127.0.0.1:18080 --data-dir /tmp/bench/data \
 *   --db-port 55432 --devices 1000 --ramp 60 --period 60 --rounds 3
 * </pre>
 */
public final class SyncLoadSimulator {

    private static final String SNAPSHOT = "snapshot";
    private static final String INCREMENTAL = "incremental pull";
    private static final String PUSH = "push 10 events";
    private static final List<String> KINDS = List.of(SNAPSHOT, INCREMENTAL, PUSH);

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4))
            .build();
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger skippedTicks = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();
    private volatile boolean record;

    private SyncLoadSimulator(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("base", "http://127.0.0.1:18080");
        options.put("data-dir", System.getProperty("user.home") + "/.carerota/pgdata");
        options.put("db-port", "55432");
        options.put("db-name", "carerota");
        options.put("model", "open");
        options.put("devices", "1000");
        options.put("rounds", "3");
        options.put("ramp", "60");
        options.put("period", "60");
        options.put("concurrency", "2");
        options.put("seed", "7");
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!URI.create(options.get("base")).getHost().matches("127\\.0\\.0\\.1|localhost")) {
            throw new IllegalArgumentException("loopback only");
        }
        if (!List.of("open", "closed").contains(options.get("model"))) {
            throw new IllegalArgumentException("--model is open or closed");
        }
        int status = new SyncLoadSimulator(options).run() ? 0 : 1;
        System.exit(status);
    }

    private boolean run() throws Exception {
        LocalDate today = LocalDate.now(SyncSettings.LONDON);
        List<Carer> carers = publishToday(today);
        System.out.printf("published %s for %d carers with visits%n", today, carers.size());
        if (carers.isEmpty()) {
            throw new IllegalStateException("no carer has a visit today: is the demo region loaded?");
        }
        Signer signer = new Signer(Path.of(options.get("data-dir")).resolveSibling("keys"));
        int devices = Integer.parseInt(options.get("devices"));
        int rounds = Integer.parseInt(options.get("rounds"));
        List<Device> all = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            Carer carer = carers.get(d % carers.size());
            all.add(new Device(carer, signer.token(carer), UUID.randomUUID()));
        }
        // warm-up (JIT, pools, caches): 100 devices back to back, 2 in flight, not recorded
        record = false;
        runClosed(all.subList(0, Math.min(100, all.size())), 1, 2);
        latencies.clear();
        errors.set(0);
        errorKinds.clear();
        maxInFlight.set(0);
        record = true;
        Instant start = Instant.now();
        if (options.get("model").equals("open")) {
            runOpen(all, rounds);
        } else {
            runClosed(all, rounds, Integer.parseInt(options.get("concurrency")));
        }
        Duration took = Duration.between(start, Instant.now());
        return report(devices, rounds, took);
    }

    /** The closed model: {@code concurrency} threads, each running devices back to back. */
    private void runClosed(List<Device> devices, int rounds, int concurrency) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (Device device : devices) {
            pool.submit(() -> {
                try {
                    device.runBackToBack(rounds);
                } catch (Exception e) {
                    error("exception " + e.getClass().getSimpleName());
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            error("timeout");
        }
    }

    /** The open model: arrivals on each device's own timer, whatever the server's answers take. */
    private void runOpen(List<Device> devices, int rounds) throws InterruptedException {
        double ramp = Double.parseDouble(options.get("ramp"));
        double period = Double.parseDouble(options.get("period"));
        Random random = new Random(Long.parseLong(options.get("seed")));
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        CountDownLatch finished = new CountDownLatch(devices.size());
        for (Device device : devices) {
            long open = (long) (random.nextDouble() * ramp * 1000);
            long phase = (long) (random.nextDouble() * period * 1000);
            long[] ticks = new long[rounds];
            long at = open + phase;
            for (int round = 0; round < rounds; round++) {
                ticks[round] = at;
                at += (long) (period * 1000 * (0.9 + 0.2 * random.nextDouble()));
            }
            timers.schedule(() -> device.open(), open, TimeUnit.MILLISECONDS);
            for (int round = 0; round < rounds; round++) {
                boolean last = round == rounds - 1;
                timers.schedule(() -> device.tick(last ? finished : null), ticks[round], TimeUnit.MILLISECONDS);
            }
        }
        long longest = (long) ((ramp + period * (rounds + 1) * 1.1) * 1000) + 120_000;
        if (!finished.await(longest, TimeUnit.MILLISECONDS)) {
            error("timeout");
        }
        timers.shutdownNow();
    }

    private boolean report(int devices, int rounds, Duration took) {
        boolean open = options.get("model").equals("open");
        System.out.printf(
                "%n%d devices, %d rounds, model %s, %d cores, %s, max requests in flight %d, skipped ticks %d%n",
                devices,
                rounds,
                open
                        ? "open (ramp " + options.get("ramp") + " s, period " + options.get("period") + " s)"
                        : "closed (" + options.get("concurrency") + " in flight)",
                Runtime.getRuntime().availableProcessors(),
                took,
                maxInFlight.get(),
                skippedTicks.get());
        System.out.println("| request | count | per s | p50 ms | p95 ms | p99 ms | max ms | target p95 |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Map<String, Long> targets = Map.of(SNAPSHOT, 300L, INCREMENTAL, 50L, PUSH, 100L);
        boolean ok = errors.get() == 0;
        double seconds = Math.max(took.toMillis(), 1) / 1000.0;
        for (String kind : KINDS) {
            List<Long> list = new ArrayList<>(latencies.getOrDefault(kind, List.of()));
            Collections.sort(list);
            long p95 = percentile(list, 95);
            ok &= !list.isEmpty() && p95 <= targets.get(kind) * 1000;
            System.out.printf(
                    "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d |%n",
                    kind,
                    list.size(),
                    list.size() / seconds,
                    percentile(list, 50) / 1e3,
                    p95 / 1e3,
                    percentile(list, 99) / 1e3,
                    (list.isEmpty() ? 0 : list.get(list.size() - 1)) / 1e3,
                    targets.get(kind));
        }
        System.out.printf("errors: %d %s%n", errors.get(), errorKinds);
        System.out.println(ok ? "RESULT: all targets met" : "RESULT: a target was missed");
        return ok;
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private void error(String kind) {
        errors.incrementAndGet();
        errorKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    /** A carer with today's visits. */
    private record Carer(UUID id, UUID organisationId, List<UUID> visits) {}

    private final class Device {
        private final Carer carer;
        private final String token;
        private final UUID id;
        private final AtomicBoolean busy = new AtomicBoolean();
        private volatile @Nullable String checkpoint;

        Device(Carer carer, String token, UUID id) {
            this.carer = carer;
            this.token = token;
            this.id = id;
        }

        /** Opening the app: a snapshot pull. */
        void open() {
            busy.set(true);
            call(SNAPSHOT, "/sync/pull", "{\"schemaVersion\":1}").whenComplete((json, failure) -> {
                if (json != null) {
                    checkpoint = json.path("checkpoint").asString();
                }
                busy.set(false);
            });
        }

        /** The foreground timer (or {@code online}): send the outbox, then pull what changed. */
        void tick(@Nullable CountDownLatch done) {
            if (checkpoint == null || !busy.compareAndSet(false, true)) {
                skippedTicks.incrementAndGet();
                if (done != null) {
                    done.countDown();
                }
                return;
            }
            push().thenCompose(pushed -> incremental()).whenComplete((json, failure) -> {
                busy.set(false);
                if (done != null) {
                    done.countDown();
                }
            });
        }

        void runBackToBack(int rounds) {
            JsonNode snapshot =
                    call(SNAPSHOT, "/sync/pull", "{\"schemaVersion\":1}").join();
            if (snapshot == null) {
                return;
            }
            checkpoint = snapshot.path("checkpoint").asString();
            for (int round = 0; round < rounds; round++) {
                push().thenCompose(pushed -> incremental()).join();
            }
        }

        private CompletableFuture<@Nullable JsonNode> push() {
            StringBuilder events = new StringBuilder();
            Instant now = Instant.now();
            for (int e = 0; e < 10; e++) {
                UUID visit = carer.visits().get(e % carer.visits().size());
                events.append(e == 0 ? "" : ",")
                        .append("{\"id\":\"")
                        .append(UUID.randomUUID())
                        .append("\",\"kind\":\"NOTE\",\"visitId\":\"")
                        .append(visit)
                        .append("\",\"deviceTime\":\"")
                        .append(now.minusSeconds(10 - e))
                        .append("\",\"note\":\"benchmark note ")
                        .append(e)
                        .append("\"}");
            }
            return call(
                            PUSH,
                            "/sync/push",
                            "{\"schemaVersion\":1,\"deviceId\":\"" + id + "\",\"events\":[" + events + "]}")
                    .thenApply(json -> {
                        if (json != null) {
                            for (JsonNode result : json.path("results")) {
                                if (!"ACCEPTED".equals(result.path("outcome").asString())) {
                                    error("push outcome "
                                            + result.path("outcome").asString() + " "
                                            + result.path("reasonCode").asString());
                                }
                            }
                        }
                        return json;
                    });
        }

        private CompletableFuture<@Nullable JsonNode> incremental() {
            return call(INCREMENTAL, "/sync/pull", "{\"schemaVersion\":1,\"checkpoint\":\"" + checkpoint + "\"}")
                    .thenApply(json -> {
                        if (json != null) {
                            checkpoint = json.path("checkpoint").asString();
                        }
                        return json;
                    });
        }

        private CompletableFuture<@Nullable JsonNode> call(String kind, String path, String body) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(options.get("base") + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long started = System.nanoTime();
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
                long micros = (System.nanoTime() - started) / 1000;
                inFlight.decrementAndGet();
                if (record) {
                    latencies
                            .computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(micros);
                }
                if (failure != null) {
                    error(kind + " " + failure.getClass().getSimpleName());
                    return null;
                }
                if (response.statusCode() != 200) {
                    error(kind + " HTTP " + response.statusCode());
                    return null;
                }
                JsonNode json = SyncJson.mapper().readTree(response.body());
                if (!"OK".equals(json.path("status").asString())) {
                    error(kind + " status " + json.path("status").asString());
                    return null;
                }
                return json;
            });
        }
    }

    /** Signs demo-issuer tokens for any carer with the demo key (as the running app's issuer does). */
    private static final class Signer {
        private final RSASSASigner signer;
        private final String keyId;

        Signer(Path keysDir) throws Exception {
            String pem = Files.readString(keysDir.resolve("jwt-signing-key.pem"), StandardCharsets.US_ASCII);
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey key = (RSAPrivateCrtKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey)
                    factory.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
            this.signer = new RSASSASigner(key);
            this.keyId =
                    new RSAKey.Builder(publicKey).build().computeThumbprint().toString();
        }

        String token(Carer carer) {
            Instant now = Instant.now();
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(),
                    new JWTClaimsSet.Builder()
                            .issuer("urn:carerota:demo")
                            .subject("bench." + carer.id())
                            .issueTime(Date.from(now))
                            .notBeforeTime(Date.from(now.minusSeconds(5)))
                            .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                            .claim("role", "CARER")
                            .claim("organisation_id", carer.organisationId().toString())
                            .claim("carer_id", carer.id().toString())
                            .build());
            try {
                jwt.sign(signer);
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }

    // --- publishing (as the schema owner) -------------------------------------------------------

    private List<Carer> publishToday(LocalDate day) throws SQLException {
        String jdbc = "jdbc:postgresql://localhost:" + options.get("db-port") + "/" + options.get("db-name");
        List<UUID> plans = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "")) {
            connection.setAutoCommit(false);
            List<String[]> areas = rows(
                    connection,
                    "select distinct organisation_id::text, area_id::text from visits where service_date = ?::date"
                            + " and status <> 'CANCELLED' and not exists (select from published_plan_days d"
                            + " where d.area_id = visits.area_id and d.service_date = visits.service_date)",
                    day.toString());
            for (String[] area : areas) {
                String plan = rows(
                                connection,
                                "insert into plans (organisation_id, area_id, horizon_from, horizon_to, revision,"
                                        + " status, published_at) values (?::uuid, ?::uuid, ?::date, ?::date,"
                                        + " (select coalesce(max(revision), 0) + 1 from plans where area_id = ?::uuid),"
                                        + " 'PUBLISHED', now()) returning id::text",
                                area[0],
                                area[1],
                                day.toString(),
                                day.toString(),
                                area[1])
                        .get(0)[0];
                // visits of the area in time order, dealt round-robin to the organisation's carers
                rows(
                        connection,
                        "with c as (select id, row_number() over (order by id) - 1 as n, count(*) over () as total"
                                + " from carers where organisation_id = ?::uuid and archived_at is null),"
                                + " v as (select id, service_date, window_start, duration_minutes,"
                                + " row_number() over (order by window_start, id) - 1 as n from visits"
                                + " where area_id = ?::uuid and service_date = ?::date and status <> 'CANCELLED')"
                                + " insert into assignments (organisation_id, plan_id, visit_id, carer_id, slot_index,"
                                + " service_date, position, arrival_at, start_at, end_at)"
                                + " select ?::uuid, ?::uuid, v.id, c.id, 0, v.service_date, (v.n / c.total)::int,"
                                + " v.window_start - interval '5 minutes', v.window_start,"
                                + " v.window_start + make_interval(mins => v.duration_minutes)"
                                + " from v join c on c.n = v.n % c.total returning id::text",
                        area[0],
                        area[1],
                        day.toString(),
                        area[0],
                        plan);
                rows(
                        connection,
                        "insert into published_plan_days (organisation_id, area_id, service_date, plan_id)"
                                + " values (?::uuid, ?::uuid, ?::date, ?::uuid)"
                                + " on conflict (organisation_id, area_id, service_date) do nothing returning id::text",
                        area[0],
                        area[1],
                        day.toString(),
                        plan);
                plans.add(UUID.fromString(plan));
            }
            connection.commit();
        }
        PostgresqlConnectionFactory factory =
                new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
                        .host("localhost")
                        .port(Integer.parseInt(options.get("db-port")))
                        .database(options.get("db-name"))
                        .username("postgres")
                        .password("")
                        .build());
        TransactionalOperator tx = TransactionalOperator.create(new R2dbcTransactionManager(factory));
        DatabaseClient db = DatabaseClient.create(factory);
        SyncTransactions owner = new SyncTransactions() {
            @Override
            public <T> Mono<T> read(Function<DatabaseClient, Mono<T>> work) {
                return tx.transactional(Mono.defer(() -> work.apply(db)));
            }

            @Override
            public <T> Mono<T> write(Function<DatabaseClient, Mono<T>> work) {
                return tx.transactional(Mono.defer(() -> work.apply(db)));
            }
        };
        SyncService sync = new SyncService(
                owner, Clock.system(SyncSettings.LONDON), SyncSettings.defaults(), AccessNotesReader.NONE);
        for (UUID plan : plans) {
            owner.write(d -> sync.feedWriter().publishPlan(d, plan)).block();
        }
        try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "")) {
            Map<UUID, Carer> carers = new LinkedHashMap<>();
            for (String[] row : rows(
                    connection,
                    "select a.carer_id::text, c.organisation_id::text, a.visit_id::text from assignments a"
                            + " join published_plan_days d on d.plan_id = a.plan_id and d.service_date = a.service_date"
                            + " join carers c on c.id = a.carer_id where a.service_date = ?::date order by 1, 3",
                    day.toString())) {
                carers.computeIfAbsent(
                                UUID.fromString(row[0]),
                                id -> new Carer(id, UUID.fromString(row[1]), new ArrayList<>()))
                        .visits()
                        .add(UUID.fromString(row[2]));
            }
            return new ArrayList<>(carers.values());
        }
    }

    private static List<String[]> rows(Connection connection, String sql, String... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            List<String[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    String[] row = new String[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = Objects.toString(result.getString(c + 1), null);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
