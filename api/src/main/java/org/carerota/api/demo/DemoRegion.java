package org.carerota.api.demo;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.carerota.planner.io.CommissionerKind;
import org.carerota.planner.io.ProblemDocument;
import org.jspecify.annotations.Nullable;

/**
 * Turns a generated region (the planner's problem format) into the rows of the platform's schema,
 * table by table, in an order that satisfies the foreign keys.
 *
 * <p>Who owns what, since the problem format has no tenancy: each staff pool belongs to an
 * organisation (the three home-care agencies own theirs, the county council its reablement team,
 * the community health trust its nurses); each service user, with their care packages and visits,
 * belongs to the home-care agency that leads care in their town (Waveney, West Norfolk, or the
 * rest of Norfolk); areas (the system, then a place per town) belong to the ICB. Ids are derived
 * from the generator's ids, so the same region always gives the same rows. Care packages are
 * rebuilt from the visits: one per service user and commissioner, with one recurring template per
 * generated package visit ({@code V-000123-D1} … {@code -D7}).
 */
final class DemoRegion {

    static final String ICB_REF = "demo:icb";

    /** Organisations of the demo: external_ref → (name, kind). */
    static final Map<String, Organisation> ORGANISATIONS = organisations();

    /** The owning organisation of each generated pool. */
    static final Map<String, String> POOL_OWNERS = Map.of(
            "P-BROADLAND", "demo:provider-norfolk",
            "P-WEST", "demo:provider-west-norfolk",
            "P-WAVENEY", "demo:provider-waveney",
            "P-REABLEMENT", "demo:council-norfolk",
            "P-NURSING", "demo:nhs-trust");

    /** The generator's commissioner ids. */
    static final Map<String, String> COMMISSIONERS = Map.of(
            "NCC", "demo:council-norfolk",
            "SCC", "demo:council-suffolk",
            "ICB", ICB_REF,
            "SELF", "demo:self-funded");

    private static final Set<String> WAVENEY_TOWNS = Set.of("Lowestoft", "Beccles", "Bungay", "Halesworth");
    private static final Set<String> WEST_NORFOLK_TOWNS =
            Set.of("King's Lynn", "Thetford", "Fakenham", "Swaffham", "Downham Market");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    record Organisation(String name, String kind) {}

    /** The rows of one table. */
    record Table(String name, String columns, List<Map<String, @Nullable Object>> rows) {}

    private final ProblemDocument region;
    private final Map<String, ProblemDocument.ServiceUser> serviceUsers = new LinkedHashMap<>();

    private DemoRegion(ProblemDocument region) {
        this.region = region;
        region.serviceUsers().forEach(su -> serviceUsers.put(su.id(), su));
    }

    /** Every table of the region, parents first. */
    static List<Table> tables(ProblemDocument region) {
        return new DemoRegion(region).build();
    }

    static UUID id(String kind, String key) {
        return UUID.nameUUIDFromBytes(("carerota-demo/" + kind + "/" + key).getBytes(StandardCharsets.UTF_8));
    }

    static UUID organisationId(String externalRef) {
        return id("organisation", externalRef);
    }

    private List<Table> build() {
        List<Table> tables = new ArrayList<>();
        tables.add(organisationsTable());
        tables.add(areas());
        tables.add(pools());
        tables.add(sharingAgreements());
        tables.add(skills());
        tables.add(carers());
        tables.add(carerSkills());
        tables.add(shifts());
        tables.add(absences());
        tables.add(serviceUsersTable());
        tables.add(serviceUserCarers());
        Packages packages = packages();
        tables.add(packages.packages());
        tables.add(packages.templates());
        tables.add(packages.templateSkills());
        tables.add(visits());
        tables.add(visitRequiredSkills());
        return tables;
    }

    private Table organisationsTable() {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        ORGANISATIONS.forEach((ref, org) -> rows.add(row(
                "id", organisationId(ref),
                "name", org.name(),
                "kind", org.kind(),
                "external_ref", ref)));
        return new Table("organisations", "id uuid, name text, kind text, external_ref text", rows);
    }

    private Table areas() {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        UUID system = id("area", "system");
        rows.add(row(
                "id", system,
                "organisation_id", organisationId(ICB_REF),
                "parent_id", null,
                "kind", "SYSTEM",
                "name", "Norfolk and Waveney",
                "code", "NW",
                "external_ref", "demo:area:system"));
        for (String town : towns()) {
            rows.add(row(
                    "id",
                    areaId(town),
                    "organisation_id",
                    organisationId(ICB_REF),
                    "parent_id",
                    system,
                    "kind",
                    "PLACE",
                    "name",
                    town,
                    "code",
                    town.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "").substring(0, Math.min(6, town.length())),
                    "external_ref",
                    "demo:area:" + town));
        }
        return new Table(
                "areas",
                "id uuid, organisation_id uuid, parent_id uuid, kind text, name text, code text, external_ref text",
                rows);
    }

    private Table pools() {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (ProblemDocument.Pool pool : region.pools()) {
            rows.add(row(
                    "id", id("pool", pool.id()),
                    "organisation_id", organisationId(poolOwner(pool.id())),
                    "name", pool.name() == null ? pool.id() : pool.name(),
                    "sector", pool.sector().name(),
                    "cost_per_hour", pool.costPerHour() == null ? 0.0 : pool.costPerHour(),
                    "serves_all_commissioners", pool.serves() == null,
                    "external_ref", pool.id()));
        }
        return new Table(
                "staff_pools",
                "id uuid, organisation_id uuid, name text, sector text, cost_per_hour numeric,"
                        + " serves_all_commissioners boolean, external_ref text",
                rows);
    }

    private Table sharingAgreements() {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (ProblemDocument.Pool pool : region.pools()) {
            if (pool.serves() == null) {
                continue;
            }
            for (String commissioner : pool.serves()) {
                rows.add(row(
                        "id", id("agreement", pool.id() + "/" + commissioner),
                        "organisation_id", organisationId(poolOwner(pool.id())),
                        "pool_id", id("pool", pool.id()),
                        "commissioner_id", organisationId(commissionerRef(commissioner)),
                        "valid_from", region.horizon().from().minusYears(1).toString()));
            }
        }
        return new Table(
                "sharing_agreements",
                "id uuid, organisation_id uuid, pool_id uuid, commissioner_id uuid, valid_from date",
                rows);
    }

    private Table skills() {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (ProblemDocument.Skill skill : region.skills()) {
            rows.add(row(
                    "id", id("skill", skill.code()),
                    "code", skill.code(),
                    "name", skill.name() == null ? skill.code() : skill.name(),
                    "category", skillCategory(skill.category())));
        }
        return new Table("skills", "id uuid, code text, name text, category text", rows);
    }

    private Table carers() {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (ProblemDocument.Carer carer : region.carers()) {
            String pool = requirePool(carer);
            rows.add(row(
                    "id", carerId(carer.id()),
                    "organisation_id", organisationId(poolOwner(pool)),
                    "pool_id", id("pool", pool),
                    "name", carer.name() == null ? carer.id() : carer.name(),
                    "home_lat", carer.home().lat(),
                    "home_lon", carer.home().lon(),
                    "home_postcode", carer.home().postcode(),
                    "travel_mode", carer.travelMode().name(),
                    "gender", carer.gender() == null ? null : carer.gender().name(),
                    "contracted_minutes_per_week", roundOrNull(carer.contractedMinutesPerWeek()),
                    "max_working_minutes_per_day", roundOrNull(carer.maxWorkingMinutesPerDay()),
                    "pay_model",
                            carer.pay() == null || carer.pay().model() == null
                                    ? "HOURLY"
                                    : carer.pay().model().name(),
                    "pay_rate", carer.pay() == null ? null : carer.pay().rate(),
                    "external_ref", carer.id()));
        }
        return new Table(
                "carers",
                "id uuid, organisation_id uuid, pool_id uuid, name text, home_lat double precision,"
                        + " home_lon double precision, home_postcode text, travel_mode text, gender text,"
                        + " contracted_minutes_per_week integer, max_working_minutes_per_day integer, pay_model text,"
                        + " pay_rate numeric, external_ref text",
                rows);
    }

    private Table carerSkills() {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (ProblemDocument.Carer carer : region.carers()) {
            UUID organisation = organisationId(poolOwner(requirePool(carer)));
            for (ProblemDocument.CarerSkill skill : carer.skills()) {
                rows.add(row(
                        "id", id("carer-skill", carer.id() + "/" + skill.code()),
                        "organisation_id", organisation,
                        "carer_id", carerId(carer.id()),
                        "skill_id", id("skill", skill.code()),
                        "valid_until",
                                skill.validUntil() == null
                                        ? null
                                        : skill.validUntil().toString()));
            }
        }
        return new Table(
                "carer_skills", "id uuid, organisation_id uuid, carer_id uuid, skill_id uuid, valid_until date", rows);
    }

    private Table shifts() {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (ProblemDocument.Carer carer : region.carers()) {
            UUID organisation = organisationId(poolOwner(requirePool(carer)));
            int n = 0;
            for (ProblemDocument.Shift shift : carer.shifts()) {
                rows.add(row(
                        "id",
                        id("shift", carer.id() + "/" + n++),
                        "organisation_id",
                        organisation,
                        "carer_id",
                        carerId(carer.id()),
                        "starts_at",
                        instant(shift.start()),
                        "ends_at",
                        instant(shift.end()),
                        "start_lat",
                        shift.startLocation() == null
                                ? null
                                : shift.startLocation().lat(),
                        "start_lon",
                        shift.startLocation() == null
                                ? null
                                : shift.startLocation().lon(),
                        "end_lat",
                        shift.endLocation() == null ? null : shift.endLocation().lat(),
                        "end_lon",
                        shift.endLocation() == null ? null : shift.endLocation().lon()));
            }
        }
        return new Table(
                "shifts",
                "id uuid, organisation_id uuid, carer_id uuid, starts_at timestamptz, ends_at timestamptz,"
                        + " start_lat double precision, start_lon double precision, end_lat double precision,"
                        + " end_lon double precision",
                rows);
    }

    private Table absences() {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (ProblemDocument.Carer carer : region.carers()) {
            UUID organisation = organisationId(poolOwner(requirePool(carer)));
            int n = 0;
            for (ProblemDocument.Absence absence : carer.absences()) {
                rows.add(row(
                        "id", id("absence", carer.id() + "/" + n++),
                        "organisation_id", organisation,
                        "carer_id", carerId(carer.id()),
                        "starts_at", instant(absence.start()),
                        "ends_at", instant(absence.end()),
                        "kind", absenceKind(absence.reason()),
                        "reason", absence.reason()));
            }
        }
        return new Table(
                "absences",
                "id uuid, organisation_id uuid, carer_id uuid, starts_at timestamptz, ends_at timestamptz, kind text,"
                        + " reason text",
                rows);
    }

    private Table serviceUsersTable() {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (ProblemDocument.ServiceUser su : region.serviceUsers()) {
            rows.add(row(
                    "id", serviceUserId(su.id()),
                    "organisation_id", organisationId(leadProvider(su)),
                    "area_id", areaId(town(su)),
                    "name", su.name() == null ? su.id() : su.name(),
                    "postcode", su.location().postcode(),
                    "lat", su.location().lat(),
                    "lon", su.location().lon(),
                    "gender_preference",
                            su.genderPreference() == null
                                    ? null
                                    : su.genderPreference().name(),
                    "external_ref", su.id()));
        }
        return new Table(
                "service_users",
                "id uuid, organisation_id uuid, area_id uuid, name text, postcode text, lat double precision,"
                        + " lon double precision, gender_preference text, external_ref text",
                rows);
    }

    private Table serviceUserCarers() {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (ProblemDocument.ServiceUser su : region.serviceUsers()) {
            UUID organisation = organisationId(leadProvider(su));
            relation(rows, su, organisation, su.preferredCarers(), "PREFERRED");
            relation(rows, su, organisation, su.bannedCarers(), "BANNED");
            relation(rows, su, organisation, su.regularCarers(), "REGULAR");
        }
        return new Table(
                "service_user_carers",
                "id uuid, organisation_id uuid, service_user_id uuid, carer_id uuid, relation text",
                rows);
    }

    private static void relation(
            List<Map<String, @Nullable Object>> rows,
            ProblemDocument.ServiceUser su,
            UUID organisation,
            List<String> carers,
            String relation) {
        for (String carer : new TreeSet<>(carers)) {
            rows.add(row(
                    "id", id("service-user-carer", su.id() + "/" + carer + "/" + relation),
                    "organisation_id", organisation,
                    "service_user_id", serviceUserId(su.id()),
                    "carer_id", carerId(carer),
                    "relation", relation));
        }
    }

    private record Packages(Table packages, Table templates, Table templateSkills) {}

    /** One package per service user and commissioner; one template per generated package visit. */
    private Packages packages() {
        Map<String, Map<String, @Nullable Object>> packages = new LinkedHashMap<>();
        Map<String, List<ProblemDocument.Visit>> byTemplate = new LinkedHashMap<>();
        for (ProblemDocument.Visit visit : region.visits()) {
            byTemplate
                    .computeIfAbsent(templateKey(visit), k -> new ArrayList<>())
                    .add(visit);
        }
        List<Map<String, @Nullable Object>> templates = new ArrayList<>();
        List<Map<String, @Nullable Object>> templateSkills = new ArrayList<>();
        for (Map.Entry<String, List<ProblemDocument.Visit>> entry : byTemplate.entrySet()) {
            ProblemDocument.Visit first = entry.getValue().get(0);
            ProblemDocument.ServiceUser su = serviceUser(first);
            String packageKey = packageKey(first);
            UUID organisation = organisationId(leadProvider(su));
            packages.computeIfAbsent(
                    packageKey,
                    k -> row(
                            "id", id("package", k),
                            "organisation_id", organisation,
                            "service_user_id", serviceUserId(su.id()),
                            "commissioner_id", organisationId(commissionerRef(first.commissioner())),
                            "reference", k,
                            "starts_on", region.horizon().from().toString(),
                            "external_ref", k));
            TreeSet<Integer> days = new TreeSet<>();
            for (ProblemDocument.Visit visit : entry.getValue()) {
                days.add(visit.windowStart().getDayOfWeek().getValue());
            }
            UUID templateId = id("template", entry.getKey());
            ProblemDocument.Dependency dependency = first.dependsOn();
            templates.add(row(
                    "id",
                    templateId,
                    "organisation_id",
                    organisation,
                    "care_package_id",
                    id("package", packageKey),
                    "label",
                    entry.getKey(),
                    "days_of_week",
                    List.copyOf(days),
                    "window_start",
                    first.windowStart().toLocalTime().toString(),
                    "window_end",
                    first.windowEnd().toLocalTime().toString(),
                    "preferred_start",
                    first.preferredStart() == null
                            ? null
                            : first.preferredStart().toLocalTime().toString(),
                    "duration_minutes",
                    (int) Math.round(first.durationMinutes()),
                    "carers_required",
                    first.carersRequired(),
                    "priority",
                    first.priority().name(),
                    "depends_on_template_id",
                    dependency == null ? null : id("template", templateKeyOf(dependency.visit())),
                    "dependency_min_gap_minutes",
                    dependency == null ? null : (int) Math.round(dependency.minGapMinutes()),
                    "dependency_max_gap_minutes",
                    dependency == null ? null : roundOrNull(dependency.maxGapMinutes())));
            for (String skill : new TreeSet<>(first.requiredSkills())) {
                templateSkills.add(row(
                        "id",
                        id("template-skill", entry.getKey() + "/" + skill),
                        "organisation_id",
                        organisation,
                        "template_id",
                        templateId,
                        "skill_id",
                        id("skill", skill)));
            }
        }
        return new Packages(
                new Table(
                        "care_packages",
                        "id uuid, organisation_id uuid, service_user_id uuid, commissioner_id uuid, reference text,"
                                + " starts_on date, external_ref text",
                        List.copyOf(packages.values())),
                new Table(
                        "visit_templates",
                        "id uuid, organisation_id uuid, care_package_id uuid, label text, days_of_week smallint[],"
                                + " window_start time, window_end time, preferred_start time, duration_minutes integer,"
                                + " carers_required smallint, priority text, depends_on_template_id uuid,"
                                + " dependency_min_gap_minutes integer, dependency_max_gap_minutes integer",
                        templates),
                new Table(
                        "visit_template_skills",
                        "id uuid, organisation_id uuid, template_id uuid, skill_id uuid",
                        templateSkills));
    }

    private Table visits() {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (ProblemDocument.Visit visit : region.visits()) {
            ProblemDocument.ServiceUser su = serviceUser(visit);
            ProblemDocument.Dependency dependency = visit.dependsOn();
            rows.add(row(
                    "id", visitId(visit.id()),
                    "organisation_id", organisationId(leadProvider(su)),
                    "service_user_id", serviceUserId(su.id()),
                    "commissioner_id", organisationId(commissionerRef(visit.commissioner())),
                    "care_package_id", id("package", packageKey(visit)),
                    "template_id", id("template", templateKey(visit)),
                    "area_id", areaId(town(su)),
                    "window_start", instant(visit.windowStart()),
                    "window_end", instant(visit.windowEnd()),
                    "preferred_start", visit.preferredStart() == null ? null : instant(visit.preferredStart()),
                    "duration_minutes", (int) Math.round(visit.durationMinutes()),
                    "carers_required", visit.carersRequired(),
                    "priority", visit.priority().name(),
                    "depends_on_visit_id", dependency == null ? null : visitId(dependency.visit()),
                    "dependency_min_gap_minutes",
                            dependency == null ? null : (int) Math.round(dependency.minGapMinutes()),
                    "dependency_max_gap_minutes", dependency == null ? null : roundOrNull(dependency.maxGapMinutes()),
                    "external_ref", visit.id()));
        }
        return new Table(
                "visits",
                "id uuid, organisation_id uuid, service_user_id uuid, commissioner_id uuid, care_package_id uuid,"
                        + " template_id uuid, area_id uuid, window_start timestamptz, window_end timestamptz,"
                        + " preferred_start timestamptz, duration_minutes integer, carers_required smallint,"
                        + " priority text, depends_on_visit_id uuid, dependency_min_gap_minutes integer,"
                        + " dependency_max_gap_minutes integer, external_ref text",
                rows);
    }

    private Table visitRequiredSkills() {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        for (ProblemDocument.Visit visit : region.visits()) {
            UUID organisation = organisationId(leadProvider(serviceUser(visit)));
            for (String skill : new TreeSet<>(visit.requiredSkills())) {
                rows.add(row(
                        "id", id("visit-skill", visit.id() + "/" + skill),
                        "organisation_id", organisation,
                        "visit_id", visitId(visit.id()),
                        "skill_id", id("skill", skill)));
            }
        }
        return new Table("visit_required_skills", "id uuid, organisation_id uuid, visit_id uuid, skill_id uuid", rows);
    }

    // ------------------------------------------------------------------------------------------

    private List<String> towns() {
        TreeSet<String> towns = new TreeSet<>();
        region.serviceUsers().forEach(su -> towns.add(town(su)));
        return List.copyOf(towns);
    }

    private static String town(ProblemDocument.ServiceUser su) {
        return su.area() == null || su.area().isBlank() ? "Unassigned area" : su.area();
    }

    private static String leadProvider(ProblemDocument.ServiceUser su) {
        String town = town(su);
        if (WAVENEY_TOWNS.contains(town)) {
            return "demo:provider-waveney";
        }
        if (WEST_NORFOLK_TOWNS.contains(town)) {
            return "demo:provider-west-norfolk";
        }
        return "demo:provider-norfolk";
    }

    private ProblemDocument.ServiceUser serviceUser(ProblemDocument.Visit visit) {
        ProblemDocument.ServiceUser su = serviceUsers.get(visit.serviceUser());
        if (su == null) {
            throw new IllegalStateException(
                    "Visit " + visit.id() + " names unknown service user " + visit.serviceUser());
        }
        return su;
    }

    private static String requirePool(ProblemDocument.Carer carer) {
        if (carer.pool() == null) {
            throw new IllegalStateException("Carer " + carer.id() + " has no pool");
        }
        return carer.pool();
    }

    private static String poolOwner(String pool) {
        String owner = POOL_OWNERS.get(pool);
        if (owner == null) {
            throw new IllegalStateException("No demo organisation owns pool " + pool);
        }
        return owner;
    }

    private static String commissionerRef(@Nullable String commissioner) {
        String ref = COMMISSIONERS.get(commissioner == null ? "SELF" : commissioner);
        if (ref == null) {
            throw new IllegalStateException("No demo organisation for commissioner " + commissioner);
        }
        return ref;
    }

    private static String packageKey(ProblemDocument.Visit visit) {
        return visit.serviceUser() + "/" + (visit.commissioner() == null ? "SELF" : visit.commissioner());
    }

    private static String templateKey(ProblemDocument.Visit visit) {
        return templateKeyOf(visit.id());
    }

    /** {@code V-000123-D4} → {@code V-000123}: the generated package visit, whatever the day. */
    static String templateKeyOf(String visitId) {
        int day = visitId.lastIndexOf("-D");
        return day > 0 ? visitId.substring(0, day) : visitId;
    }

    static UUID carerId(String carer) {
        return id("carer", carer);
    }

    static UUID serviceUserId(String serviceUser) {
        return id("service-user", serviceUser);
    }

    static UUID visitId(String visit) {
        return id("visit", visit);
    }

    static UUID areaId(String town) {
        return id("area", town);
    }

    private static String instant(LocalDateTime local) {
        return local.atZone(LONDON).toOffsetDateTime().toString();
    }

    private static @Nullable Integer roundOrNull(@Nullable Double value) {
        return value == null ? null : (int) Math.round(value);
    }

    private static String skillCategory(@Nullable String category) {
        if (category == null) {
            return "OTHER";
        }
        return switch (category) {
            case "DELEGATED_CLINICAL", "DELEGATED_CLINICAL_TASK" -> "DELEGATED_CLINICAL_TASK";
            case "PERSONAL_CARE",
                    "MEDICATION",
                    "MOVING_AND_HANDLING",
                    "DEMENTIA",
                    "END_OF_LIFE",
                    "REABLEMENT",
                    "NURSING",
                    "DOMESTIC",
                    "COMPANIONSHIP" -> category;
            default -> "OTHER";
        };
    }

    private static String absenceKind(@Nullable String reason) {
        if (reason == null) {
            return "OTHER";
        }
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("sick") || r.contains("ill")) {
            return "SICKNESS";
        }
        if (r.contains("leave") || r.contains("holiday")) {
            return "ANNUAL_LEAVE";
        }
        if (r.contains("training")) {
            return "TRAINING";
        }
        return "OTHER";
    }

    private static Map<String, Organisation> organisations() {
        Map<String, Organisation> orgs = new LinkedHashMap<>();
        orgs.put(ICB_REF, new Organisation("NHS Norfolk and Waveney ICB", CommissionerKind.ICB.name()));
        orgs.put("demo:council-norfolk", new Organisation("Norfolk County Council", "COUNCIL"));
        orgs.put("demo:council-suffolk", new Organisation("Suffolk County Council", "COUNCIL"));
        orgs.put("demo:self-funded", new Organisation("Self-funded care", "SELF_FUNDED"));
        orgs.put("demo:provider-norfolk", new Organisation("Broadland Home Care Ltd", "PROVIDER"));
        orgs.put("demo:provider-west-norfolk", new Organisation("West Norfolk Homecare Ltd", "PROVIDER"));
        orgs.put("demo:provider-waveney", new Organisation("Waveney Care at Home Ltd", "PROVIDER"));
        orgs.put("demo:nhs-trust", new Organisation("Norfolk Community Health and Care NHS Trust", "NHS_TRUST"));
        return orgs;
    }

    /** An insertion-ordered row that allows nulls (Map.of does not). */
    private static Map<String, @Nullable Object> row(@Nullable Object... keysAndValues) {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            row.put((String) keysAndValues[i], value instanceof UUID uuid ? uuid.toString() : value);
        }
        return row;
    }
}
