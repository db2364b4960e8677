package org.carerota.api.rota;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.carerota.planner.io.CommissionerKind;
import org.carerota.planner.io.Gender;
import org.carerota.planner.io.PayModel;
import org.carerota.planner.io.Priority;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.Sector;
import org.carerota.planner.io.TravelMode;
import org.carerota.planner.io.TravelModel;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the planner's problem for an area and a horizon from the database, as the caller sees it
 * (row-level security decides which visits and which carers: the organisation's own, and the pools
 * shared with it). Ids in the problem are the database's UUIDs as text; times are Europe/London
 * local times, as the planner's format expects.
 */
@Component
class ProblemLoader {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final JsonMapper json = JsonMapper.builder().build();

    /** The problem for the visits of {@code area} (and the areas inside it) on {@code from}..{@code to}. */
    Mono<ProblemDocument> load(DatabaseClient db, UUID organisation, UUID area, LocalDate from, LocalDate to) {
        Mono<OrganisationSettings> settings = settings(db, organisation);
        Mono<List<VisitRow>> visits = visits(db, area, from, to).collectList();
        return Mono.zip(settings, visits).flatMap(t -> {
            List<VisitRow> visitRows = t.getT2();
            Set<UUID> serviceUserIds = new LinkedHashSet<>();
            Set<UUID> commissionerIds = new LinkedHashSet<>();
            List<UUID> visitIds = new ArrayList<>();
            visitRows.forEach(v -> {
                serviceUserIds.add(v.serviceUserId());
                commissionerIds.add(v.commissionerId());
                visitIds.add(v.id());
            });
            return Mono.zip(
                            skills(db).collectList(),
                            commissioners(db, commissionerIds).collectList(),
                            pools(db, from, to).collectList(),
                            requiredSkills(db, visitIds).collectMultimap(IdCode::id, IdCode::code),
                            serviceUsers(db, serviceUserIds).collectList(),
                            published(db, visitIds).collectList())
                    .flatMap(facts -> {
                        List<ProblemDocument.Pool> pools = facts.getT3();
                        return carers(db, pools, commissionerIds, from, to)
                                .map(carers -> new ProblemDocument(
                                        ProblemDocument.SCHEMA_VERSION,
                                        "area " + area + " " + from + ".." + to,
                                        LONDON.getId(),
                                        new ProblemDocument.Horizon(from, to),
                                        t.getT1().settings(),
                                        facts.getT1(),
                                        facts.getT2(),
                                        servingOnly(pools, commissionerIds),
                                        carers,
                                        knownCarersOnly(facts.getT5(), carers),
                                        toVisits(visitRows, facts.getT4()),
                                        new ProblemDocument.Published(publishedOnly(facts.getT6(), carers)),
                                        t.getT1().travel()));
                    });
        });
    }

    // ------------------------------------------------------------------------------------------

    /** The organisation's planning settings and travel model. */
    private record OrganisationSettings(ProblemDocument.Settings settings, ProblemDocument.Travel travel) {}

    private Mono<OrganisationSettings> settings(DatabaseClient db, UUID organisation) {
        return db.sql("select minimum_hourly_wage, rest_break_after_minutes, rest_break_minutes,"
                        + " idle_gap_threshold_minutes, constraint_weights::text as weights, travel_detour_factor,"
                        + " travel_speeds_kmh::text as speeds from organisations where id = :id")
                .bind("id", organisation)
                .map(row -> new OrganisationSettings(
                        new ProblemDocument.Settings(
                                decimal(row, "minimum_hourly_wage"),
                                number(row, "rest_break_after_minutes"),
                                number(row, "rest_break_minutes"),
                                number(row, "idle_gap_threshold_minutes"),
                                numbers(row.get("weights", String.class))),
                        new ProblemDocument.Travel(
                                TravelModel.STRAIGHT_LINE,
                                decimal(row, "travel_detour_factor"),
                                numbers(row.get("speeds", String.class)),
                                null,
                                List.of(),
                                List.of(),
                                null)))
                .one()
                .switchIfEmpty(
                        Mono.error(new IllegalArgumentException("organisation " + organisation + " is not visible")));
    }

    record VisitRow(
            UUID id,
            UUID serviceUserId,
            UUID commissionerId,
            OffsetDateTime windowStart,
            OffsetDateTime windowEnd,
            @Nullable OffsetDateTime preferredStart,
            int durationMinutes,
            int carersRequired,
            String priority,
            @Nullable UUID dependsOn,
            @Nullable Integer minGap,
            @Nullable Integer maxGap) {}

    private Flux<VisitRow> visits(DatabaseClient db, UUID area, LocalDate from, LocalDate to) {
        return db.sql("with recursive inside(id) as (select cast(:area as uuid) union all"
                        + " select a.id from areas a join inside i on a.parent_id = i.id)"
                        + " select v.id, v.service_user_id, v.commissioner_id, v.window_start, v.window_end,"
                        + " v.preferred_start, v.duration_minutes, v.carers_required, v.priority,"
                        + " v.depends_on_visit_id, v.dependency_min_gap_minutes, v.dependency_max_gap_minutes"
                        + " from visits v where v.area_id in (select id from inside)"
                        + " and v.service_date between :from and :to and v.status <> 'CANCELLED'"
                        + " order by v.window_start, v.id")
                .bind("area", area)
                .bind("from", from)
                .bind("to", to)
                .map(row -> new VisitRow(
                        row.get("id", UUID.class),
                        row.get("service_user_id", UUID.class),
                        row.get("commissioner_id", UUID.class),
                        row.get("window_start", OffsetDateTime.class),
                        row.get("window_end", OffsetDateTime.class),
                        row.get("preferred_start", OffsetDateTime.class),
                        row.get("duration_minutes", Integer.class),
                        row.get("carers_required", Short.class),
                        row.get("priority", String.class),
                        row.get("depends_on_visit_id", UUID.class),
                        row.get("dependency_min_gap_minutes", Integer.class),
                        row.get("dependency_max_gap_minutes", Integer.class)))
                .all();
    }

    private static List<ProblemDocument.Visit> toVisits(List<VisitRow> rows, Map<UUID, Collection<String>> skills) {
        Set<UUID> present = new LinkedHashSet<>();
        rows.forEach(r -> present.add(r.id()));
        List<ProblemDocument.Visit> visits = new ArrayList<>();
        for (VisitRow v : rows) {
            ProblemDocument.Dependency dependency = v.dependsOn() != null && present.contains(v.dependsOn())
                    ? new ProblemDocument.Dependency(
                            v.dependsOn().toString(),
                            v.minGap() == null ? 0.0 : v.minGap().doubleValue(),
                            v.maxGap() == null ? null : v.maxGap().doubleValue())
                    : null;
            visits.add(new ProblemDocument.Visit(
                    v.id().toString(),
                    v.serviceUserId().toString(),
                    v.commissionerId().toString(),
                    local(v.windowStart()),
                    local(v.windowEnd()),
                    v.preferredStart() == null ? null : local(v.preferredStart()),
                    (double) v.durationMinutes(),
                    List.copyOf(skills.getOrDefault(v.id(), List.of())),
                    v.carersRequired(),
                    dependency,
                    Priority.valueOf(v.priority()),
                    List.of(),
                    null));
        }
        return visits;
    }

    private record IdCode(UUID id, String code) {}

    private Flux<IdCode> requiredSkills(DatabaseClient db, List<UUID> visitIds) {
        if (visitIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select vs.visit_id, s.code from visit_required_skills vs join skills s on s.id = vs.skill_id"
                        + " where vs.visit_id = any(:ids)")
                .bind("ids", visitIds.toArray(UUID[]::new))
                .map(row -> new IdCode(row.get("visit_id", UUID.class), row.get("code", String.class)))
                .all();
    }

    private Flux<ProblemDocument.Skill> skills(DatabaseClient db) {
        // archived skills too: visits that need one and carers who hold one keep it (archiving stops new uses)
        return db.sql("select code, name, category from skills order by code")
                .map(row -> new ProblemDocument.Skill(
                        row.get("code", String.class),
                        row.get("name", String.class),
                        row.get("category", String.class)))
                .all();
    }

    private Flux<ProblemDocument.Commissioner> commissioners(DatabaseClient db, Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select id, name, kind from organisations where id = any(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(row -> new ProblemDocument.Commissioner(
                        row.get("id", UUID.class).toString(),
                        row.get("name", String.class),
                        commissionerKind(row.get("kind", String.class))))
                .all();
    }

    private Flux<ProblemDocument.Pool> pools(DatabaseClient db, LocalDate from, LocalDate to) {
        return db.sql("select p.id, p.name, p.sector, p.cost_per_hour, p.serves_all_commissioners,"
                        + " array(select a.commissioner_id::text from sharing_agreements a where a.pool_id = p.id"
                        + " and a.valid_from <= :to and (a.valid_to is null or a.valid_to >= :from)) as serves"
                        + " from staff_pools p where p.archived_at is null order by p.name")
                .bind("from", from)
                .bind("to", to)
                .map(row -> new ProblemDocument.Pool(
                        row.get("id", UUID.class).toString(),
                        row.get("name", String.class),
                        Sector.valueOf(row.get("sector", String.class)),
                        Boolean.TRUE.equals(row.get("serves_all_commissioners", Boolean.class))
                                ? null
                                : List.of(row.get("serves", String[].class)),
                        decimal(row, "cost_per_hour")))
                .all();
    }

    private Mono<List<ProblemDocument.Carer>> carers(
            DatabaseClient db,
            List<ProblemDocument.Pool> pools,
            Set<UUID> commissioners,
            LocalDate from,
            LocalDate to) {
        List<UUID> usable = new ArrayList<>();
        for (ProblemDocument.Pool pool : pools) {
            boolean servesAny = pool.serves() == null
                    || pool.serves().stream().anyMatch(c -> commissioners.contains(UUID.fromString(c)));
            if (servesAny) {
                usable.add(UUID.fromString(pool.id()));
            }
        }
        if (usable.isEmpty() || commissioners.isEmpty()) {
            return Mono.just(List.of());
        }
        OffsetDateTime start = from.atStartOfDay(LONDON).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(LONDON).toOffsetDateTime();
        Mono<List<CarerRow>> carers = db.sql("select c.id, c.name, c.pool_id, c.gender, c.home_lat, c.home_lon,"
                        + " c.home_postcode, c.travel_mode, c.contracted_minutes_per_week, c.max_working_minutes_per_day,"
                        + " c.pay_model, c.pay_rate from carers c where c.archived_at is null and c.pool_id = any(:pools)"
                        + " and exists (select 1 from shifts s where s.carer_id = c.id and s.starts_at < :end"
                        + " and s.ends_at > :start) order by c.name, c.id")
                .bind("pools", usable.toArray(UUID[]::new))
                .bind("start", start)
                .bind("end", end)
                .map(ProblemLoader::carerRow)
                .all()
                .collectList();
        return carers.flatMap(rows -> {
            UUID[] ids = rows.stream().map(CarerRow::id).toArray(UUID[]::new);
            Mono<Map<UUID, Collection<ProblemDocument.CarerSkill>>> skills = db.sql(
                            "select cs.carer_id, s.code, cs.valid_until from carer_skills cs"
                                    + " join skills s on s.id = cs.skill_id where cs.carer_id = any(:ids)"
                                    + " and (cs.valid_from is null or cs.valid_from <= :to) order by s.code")
                    .bind("ids", ids)
                    .bind("to", to)
                    .map(row -> Map.entry(
                            row.get("carer_id", UUID.class),
                            new ProblemDocument.CarerSkill(
                                    row.get("code", String.class), row.get("valid_until", LocalDate.class))))
                    .all()
                    .collectMultimap(Map.Entry::getKey, Map.Entry::getValue);
            Mono<Map<UUID, Collection<ProblemDocument.Shift>>> shifts = db.sql(
                            "select carer_id, starts_at, ends_at, start_lat, start_lon, end_lat, end_lon from shifts"
                                    + " where carer_id = any(:ids) and starts_at < :end and ends_at > :start"
                                    + " order by starts_at")
                    .bind("ids", ids)
                    .bind("start", start)
                    .bind("end", end)
                    .map(row -> Map.entry(
                            row.get("carer_id", UUID.class),
                            new ProblemDocument.Shift(
                                    local(row.get("starts_at", OffsetDateTime.class)),
                                    local(row.get("ends_at", OffsetDateTime.class)),
                                    location(row.get("start_lat", Double.class), row.get("start_lon", Double.class)),
                                    location(row.get("end_lat", Double.class), row.get("end_lon", Double.class)))))
                    .all()
                    .collectMultimap(Map.Entry::getKey, Map.Entry::getValue);
            Mono<Map<UUID, Collection<ProblemDocument.Absence>>> absences = db.sql(
                            "select carer_id, starts_at, ends_at, coalesce(reason, kind) as reason from absences"
                                    + " where carer_id = any(:ids) and starts_at < :end and ends_at > :start"
                                    + " order by starts_at")
                    .bind("ids", ids)
                    .bind("start", start)
                    .bind("end", end)
                    .map(row -> Map.entry(
                            row.get("carer_id", UUID.class),
                            new ProblemDocument.Absence(
                                    local(row.get("starts_at", OffsetDateTime.class)),
                                    local(row.get("ends_at", OffsetDateTime.class)),
                                    row.get("reason", String.class))))
                    .all()
                    .collectMultimap(Map.Entry::getKey, Map.Entry::getValue);
            return Mono.zip(skills, shifts, absences).map(t -> {
                List<ProblemDocument.Carer> result = new ArrayList<>();
                for (CarerRow c : rows) {
                    result.add(new ProblemDocument.Carer(
                            c.id().toString(),
                            c.name(),
                            c.poolId().toString(),
                            c.gender() == null ? null : Gender.valueOf(c.gender()),
                            c.home(),
                            TravelMode.valueOf(c.travelMode()),
                            List.copyOf(t.getT1().getOrDefault(c.id(), List.of())),
                            List.copyOf(t.getT2().getOrDefault(c.id(), List.of())),
                            List.copyOf(t.getT3().getOrDefault(c.id(), List.of())),
                            c.contractedMinutesPerWeek(),
                            c.maxWorkingMinutesPerDay(),
                            new ProblemDocument.Pay(PayModel.valueOf(c.payModel()), c.payRate()),
                            null));
                }
                return result;
            });
        });
    }

    private record CarerRow(
            UUID id,
            String name,
            UUID poolId,
            @Nullable String gender,
            ProblemDocument.Location home,
            String travelMode,
            @Nullable Double contractedMinutesPerWeek,
            @Nullable Double maxWorkingMinutesPerDay,
            String payModel,
            @Nullable Double payRate) {}

    private static CarerRow carerRow(Readable row) {
        return new CarerRow(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("pool_id", UUID.class),
                row.get("gender", String.class),
                new ProblemDocument.Location(
                        row.get("home_lat", Double.class),
                        row.get("home_lon", Double.class),
                        null,
                        null,
                        null,
                        row.get("home_postcode", String.class)),
                row.get("travel_mode", String.class),
                number(row, "contracted_minutes_per_week"),
                number(row, "max_working_minutes_per_day"),
                row.get("pay_model", String.class),
                decimal(row, "pay_rate"));
    }

    private Flux<ProblemDocument.ServiceUser> serviceUsers(DatabaseClient db, Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        UUID[] array = ids.toArray(UUID[]::new);
        Mono<Map<UUID, Collection<String[]>>> relations = db.sql(
                        "select service_user_id, carer_id::text as carer, relation from service_user_carers"
                                + " where service_user_id = any(:ids)")
                .bind("ids", array)
                .map(row -> Map.entry(
                        row.get("service_user_id", UUID.class),
                        new String[] {row.get("relation", String.class), row.get("carer", String.class)}))
                .all()
                .collectMultimap(Map.Entry::getKey, Map.Entry::getValue);
        return relations.flatMapMany(byUser -> db.sql(
                        "select su.id, su.name, su.lat, su.lon, su.postcode, su.gender_preference, a.name as area"
                                + " from service_users su join areas a on a.id = su.area_id where su.id = any(:ids)"
                                + " order by su.name, su.id")
                .bind("ids", array)
                .map(row -> {
                    UUID id = row.get("id", UUID.class);
                    Map<String, List<String>> linked = new HashMap<>();
                    for (String[] relation : byUser.getOrDefault(id, List.of())) {
                        linked.computeIfAbsent(relation[0], k -> new ArrayList<>())
                                .add(relation[1]);
                    }
                    String preference = row.get("gender_preference", String.class);
                    return new ProblemDocument.ServiceUser(
                            id.toString(),
                            row.get("name", String.class),
                            new ProblemDocument.Location(
                                    row.get("lat", Double.class),
                                    row.get("lon", Double.class),
                                    null,
                                    null,
                                    null,
                                    row.get("postcode", String.class)),
                            row.get("area", String.class),
                            preference == null ? null : Gender.valueOf(preference),
                            linked.getOrDefault("PREFERRED", List.of()),
                            linked.getOrDefault("BANNED", List.of()),
                            linked.getOrDefault("REGULAR", List.of()));
                })
                .all());
    }

    private Flux<ProblemDocument.PublishedAssignment> published(DatabaseClient db, List<UUID> visitIds) {
        if (visitIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("select visit_id, carer_id, start_at from current_assignments where visit_id = any(:ids)"
                        + " order by visit_id, slot_index")
                .bind("ids", visitIds.toArray(UUID[]::new))
                .map(row -> new ProblemDocument.PublishedAssignment(
                        row.get("visit_id", UUID.class).toString(),
                        row.get("carer_id", UUID.class).toString(),
                        local(row.get("start_at", OffsetDateTime.class))))
                .all();
    }

    // The problem names only what it holds: references to commissioners and carers outside it
    // (another area's commissioners, carers without a shift in the horizon) are dropped.

    private static List<ProblemDocument.Pool> servingOnly(List<ProblemDocument.Pool> pools, Set<UUID> commissioners) {
        return pools.stream()
                .map(pool -> pool.serves() == null
                        ? pool
                        : new ProblemDocument.Pool(
                                pool.id(),
                                pool.name(),
                                pool.sector(),
                                pool.serves().stream()
                                        .filter(c -> commissioners.contains(UUID.fromString(c)))
                                        .toList(),
                                pool.costPerHour()))
                .toList();
    }

    private static List<ProblemDocument.ServiceUser> knownCarersOnly(
            List<ProblemDocument.ServiceUser> serviceUsers, List<ProblemDocument.Carer> carers) {
        Set<String> known = carerIds(carers);
        return serviceUsers.stream()
                .map(su -> new ProblemDocument.ServiceUser(
                        su.id(),
                        su.name(),
                        su.location(),
                        su.area(),
                        su.genderPreference(),
                        su.preferredCarers().stream().filter(known::contains).toList(),
                        su.bannedCarers().stream().filter(known::contains).toList(),
                        su.regularCarers().stream().filter(known::contains).toList()))
                .toList();
    }

    private static List<ProblemDocument.PublishedAssignment> publishedOnly(
            List<ProblemDocument.PublishedAssignment> published, List<ProblemDocument.Carer> carers) {
        Set<String> known = carerIds(carers);
        return published.stream().filter(a -> known.contains(a.carer())).toList();
    }

    private static Set<String> carerIds(List<ProblemDocument.Carer> carers) {
        Set<String> ids = new java.util.HashSet<>();
        carers.forEach(c -> ids.add(c.id()));
        return ids;
    }

    // ------------------------------------------------------------------------------------------

    static LocalDateTime local(OffsetDateTime instant) {
        return instant.atZoneSameInstant(LONDON).toLocalDateTime();
    }

    private static ProblemDocument.@Nullable Location location(@Nullable Double lat, @Nullable Double lon) {
        return lat == null || lon == null ? null : ProblemDocument.Location.ofLatLon(lat, lon);
    }

    private static @Nullable Double decimal(Readable row, String column) {
        BigDecimal value = row.get(column, BigDecimal.class);
        return value == null ? null : value.doubleValue();
    }

    private static @Nullable Double number(Readable row, String column) {
        Integer value = row.get(column, Integer.class);
        return value == null ? null : value.doubleValue();
    }

    /** A JSON object of numbers (weights, speeds) as a map. */
    private Map<String, Double> numbers(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        json.readTree(text)
                .properties()
                .forEach(e -> weights.put(e.getKey(), e.getValue().asDouble()));
        return weights;
    }

    private static @Nullable CommissionerKind commissionerKind(@Nullable String kind) {
        if (kind == null) {
            return null;
        }
        try {
            return CommissionerKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
