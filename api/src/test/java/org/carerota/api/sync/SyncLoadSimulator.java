package org.carerota.api.sync;

import java.io.IOException;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.carerota.sync.SyncService;
import org.carerota.sync.SyncTransactions;
import org.carerota.sync.pull.AccessNotesReader;
import org.carerota.sync.shared.SyncJson;
import org.carerota.sync.shared.SyncSettings;
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
 * The sync benchmark (mobile-sync/README.md, "Benchmark"): simulated devices against a running
 * CareRota (demo profile, embedded database) on this machine, loopback only. It first publishes
 * today's rota for every carer of the demo region (plans, assignments, published days and the
 * change feed, as the database owner), signs demo-issuer tokens for those carers with the demo key,
 * then runs each device: a snapshot pull, then rounds of a push of 10 events and an incremental
 * pull. Prints p50/p95/p99 per kind and the errors; exits 1 when a target is missed.
 *
 * <pre>
 * java -cp "$(cat api/target/test-classpath.txt):api/target/test-classes:api/target/classes" \
 *   org.carerota.api.sync.SyncLoadSimulator --base http://127.0.0.1:18080 --data-dir /tmp/bench/data \
 *   --db-port 55432 --devices 1000 --rounds 3 --concurrency 16
 * </pre>
 */
public final class SyncLoadSimulator {

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();

    private SyncLoadSimulator(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("base", "http://127.0.0.1:18080");
        options.put("data-dir", System.getProperty("user.home") + "/.carerota/pgdata");
        options.put("db-port", "55432");
        options.put("db-name", "carerota");
        options.put("devices", "1000");
        options.put("rounds", "3");
        options.put("concurrency", "16");
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!URI.create(options.get("base")).getHost().matches("127\\.0\\.0\\.1|localhost")) {
            throw new IllegalArgumentException("loopback only");
        }
        System.exit(new SyncLoadSimulator(options).run() ? 0 : 1);
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
        int concurrency = Integer.parseInt(options.get("concurrency"));
        List<Device> all = new ArrayList<>();
        for (int d = 0; d < devices; d++) {
            Carer carer = carers.get(d % carers.size());
            all.add(new Device(carer, signer.token(carer), UUID.randomUUID()));
        }
        // warm-up: 100 devices' worth of requests, not recorded
        runDevices(all.subList(0, Math.min(100, all.size())), 1, concurrency, false);
        latencies.clear();
        errors.set(0);
        Instant start = Instant.now();
        runDevices(all, rounds, concurrency, true);
        Duration took = Duration.between(start, Instant.now());
        return report(devices, rounds, concurrency, took);
    }

    private void runDevices(List<Device> devices, int rounds, int concurrency, boolean record)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        for (Device device : devices) {
            pool.submit(() -> {
                try {
                    device.run(rounds, record);
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

    private boolean report(int devices, int rounds, int concurrency, Duration took) {
        System.out.printf(
                "%n%d devices, %d rounds, %d in flight, %d cores, %.1f GB max heap of the simulator, %s%n",
                devices,
                rounds,
                concurrency,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1e9,
                took);
        System.out.println("| request | count | p50 ms | p95 ms | p99 ms | max ms | target p95 |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Map<String, Long> targets = Map.of("snapshot", 300L, "incremental pull", 50L, "push 10 events", 100L);
        boolean ok = errors.get() == 0;
        for (String kind : List.of("snapshot", "incremental pull", "push 10 events")) {
            List<Long> list = new ArrayList<>(latencies.getOrDefault(kind, List.of()));
            Collections.sort(list);
            long p95 = percentile(list, 95);
            ok &= p95 <= targets.get(kind) * 1000;
            System.out.printf(
                    "| %s | %d | %.1f | %.1f | %.1f | %.1f | %d |%n",
                    kind,
                    list.size(),
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

        Device(Carer carer, String token, UUID id) {
            this.carer = carer;
            this.token = token;
            this.id = id;
        }

        void run(int rounds, boolean record) throws IOException, InterruptedException {
            JsonNode snapshot = call("snapshot", "/sync/pull", "{\"schemaVersion\":1}", record);
            if (snapshot == null) {
                return;
            }
            String checkpoint = snapshot.path("checkpoint").asString();
            for (int round = 0; round < rounds; round++) {
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
                JsonNode push = call(
                        "push 10 events",
                        "/sync/push",
                        "{\"schemaVersion\":1,\"deviceId\":\"" + id + "\",\"events\":[" + events + "]}",
                        record);
                if (push != null) {
                    for (JsonNode result : push.path("results")) {
                        if (!"ACCEPTED".equals(result.path("outcome").asString())) {
                            error("push outcome " + result.path("outcome").asString() + " "
                                    + result.path("reasonCode").asString());
                        }
                    }
                }
                JsonNode pull = call(
                        "incremental pull",
                        "/sync/pull",
                        "{\"schemaVersion\":1,\"checkpoint\":\"" + checkpoint + "\"}",
                        record);
                if (pull != null) {
                    checkpoint = pull.path("checkpoint").asString();
                }
            }
        }

        private JsonNode call(String kind, String path, String body, boolean record)
                throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(options.get("base") + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - started) / 1000;
            if (record) {
                latencies
                        .computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(micros);
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
