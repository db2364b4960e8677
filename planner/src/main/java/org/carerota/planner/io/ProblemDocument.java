package org.carerota.planner.io;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A planning problem as written in problem JSON, schema version 1 ({@code schema/problem-v1.schema.json}): carers,
 * service users, visits, pools and the travel model for a horizon of one or more days.
 *
 * <p>Times are local date-times in {@link #timezone()} (ISO 8601, seconds optional); durations and gaps are minutes.
 * Absent lists read as empty lists; absent optional values read as {@code null} or as the documented default. A
 * required field that is absent fails when the record is built, with a message naming the field. Everything else
 * that can be wrong (unknown references, duplicate ids, windows that end before they start…) is reported, all at
 * once, by {@link ProblemValidator}.
 *
 * <p>Beyond v1 the planner also accepts {@link Carer#capacity()} and {@link Visit#demand()} (capacitated routing,
 * used by benchmark instances) and {@link Shift#startLocation()} / {@link Shift#endLocation()} (a shift that does not
 * start or end at home, used by re-planning). "More fields, never fewer."
 *
 * @param schemaVersion always 1 for this format
 * @param name a human-readable name of the problem, e.g. "Norfolk and Waveney S seed 42"
 * @param timezone the IANA time zone of every local time in the document; default {@code Europe/London}
 * @param horizon the first and last (inclusive) day planned
 * @param settings legal limits and constraint weights; defaults when absent
 * @param skills the skill catalogue; every skill code used elsewhere must be declared here
 * @param commissioners the organisations that pay for visits
 * @param pools the staff pools carers belong to
 * @param carers the carers who may be given visits
 * @param serviceUsers the people visited
 * @param visits the dated visits to plan
 * @param published the plan carers already hold (re-planning), or {@code null}
 * @param travel how travel time and distance are computed
 */
public record ProblemDocument(
        int schemaVersion,
        @Nullable String name,
        String timezone,
        Horizon horizon,
        Settings settings,
        List<Skill> skills,
        List<Commissioner> commissioners,
        List<Pool> pools,
        List<Carer> carers,
        List<ServiceUser> serviceUsers,
        List<Visit> visits,
        @Nullable Published published,
        Travel travel) {

    /** The only schema version this record reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    /** The time zone used when a problem names none. */
    public static final String DEFAULT_TIMEZONE = "Europe/London";

    public ProblemDocument {
        timezone = timezone == null || timezone.isBlank() ? DEFAULT_TIMEZONE : timezone;
        Fields.required(horizon, "horizon");
        settings = settings == null ? Settings.defaults() : settings;
        skills = Fields.list(skills, "skills");
        commissioners = Fields.list(commissioners, "commissioners");
        pools = Fields.list(pools, "pools");
        carers = Fields.list(Fields.required(carers, "carers"), "carers");
        serviceUsers = Fields.list(Fields.required(serviceUsers, "serviceUsers"), "serviceUsers");
        visits = Fields.list(Fields.required(visits, "visits"), "visits");
        Fields.required(travel, "travel");
    }

    /** This problem with other carers (everything else as it is). */
    public ProblemDocument withCarers(List<Carer> replacement) {
        return new ProblemDocument(
                schemaVersion,
                name,
                timezone,
                horizon,
                settings,
                skills,
                commissioners,
                pools,
                replacement,
                serviceUsers,
                visits,
                published,
                travel);
    }

    /** This problem with other visits (everything else as it is). */
    public ProblemDocument withVisits(List<Visit> replacement) {
        return new ProblemDocument(
                schemaVersion,
                name,
                timezone,
                horizon,
                settings,
                skills,
                commissioners,
                pools,
                carers,
                serviceUsers,
                replacement,
                published,
                travel);
    }

    /** This problem with another published plan, or none (everything else as it is). */
    public ProblemDocument withPublished(@Nullable Published replacement) {
        return new ProblemDocument(
                schemaVersion,
                name,
                timezone,
                horizon,
                settings,
                skills,
                commissioners,
                pools,
                carers,
                serviceUsers,
                visits,
                replacement,
                travel);
    }

    /**
     * The days planned.
     *
     * @param from the first day
     * @param to the last day, inclusive
     */
    public record Horizon(LocalDate from, LocalDate to) {
        public Horizon {
            Fields.required(from, "horizon.from");
            Fields.required(to, "horizon.to");
        }

        /** The number of days, {@code to - from + 1} (zero or less when {@code to} is before {@code from}). */
        public long days() {
            return to.toEpochDay() - from.toEpochDay() + 1;
        }

        /** Whether a day lies in the horizon. */
        public boolean contains(LocalDate day) {
            return !day.isBefore(from) && !day.isAfter(to);
        }
    }

    /**
     * Legal limits and constraint weights.
     *
     * @param minimumHourlyWage the pay floor in pounds per hour for carers paid per visit or per contact hour, or
     *     {@code null} for no floor
     * @param restBreakAfterMinutes a day's work longer than this (minutes) needs a rest break; default 360
     * @param restBreakMinutes the length of that rest break in minutes; default 20
     * @param idleGapThresholdMinutes idle gaps between visits longer than this (minutes) are penalised, or {@code null}
     *     for the solver's default
     * @param weights constraint name to weight, overriding the solver's defaults
     */
    public record Settings(
            @Nullable Double minimumHourlyWage,
            Double restBreakAfterMinutes,
            Double restBreakMinutes,
            @Nullable Double idleGapThresholdMinutes,
            Map<String, Double> weights) {

        public static final double DEFAULT_REST_BREAK_AFTER_MINUTES = 360;
        public static final double DEFAULT_REST_BREAK_MINUTES = 20;

        public Settings {
            restBreakAfterMinutes =
                    restBreakAfterMinutes == null ? DEFAULT_REST_BREAK_AFTER_MINUTES : restBreakAfterMinutes;
            restBreakMinutes = restBreakMinutes == null ? DEFAULT_REST_BREAK_MINUTES : restBreakMinutes;
            weights = Fields.map(weights);
        }

        /** Settings with every default and no weight overrides. */
        public static Settings defaults() {
            return new Settings(null, null, null, null, Map.of());
        }
    }

    /**
     * A skill of the catalogue.
     *
     * @param code the code visits and carers use, e.g. {@code hoist}
     * @param name a human-readable name, e.g. "Hoist (moving and handling)"
     * @param category a grouping, e.g. {@code PERSONAL_CARE}, {@code MEDICATION}, {@code MOVING_AND_HANDLING},
     *     {@code DELEGATED_CLINICAL}; free text in v1
     */
    public record Skill(String code, @Nullable String name, @Nullable String category) {
        public Skill {
            Fields.required(code, "skills[].code");
        }
    }

    /**
     * An organisation that commissions (pays for) visits.
     *
     * @param id unique among commissioners, e.g. {@code NCC}
     * @param name e.g. "Norfolk County Council"
     * @param kind the kind of organisation, or {@code null} when not stated
     */
    public record Commissioner(String id, @Nullable String name, @Nullable CommissionerKind kind) {
        public Commissioner {
            Fields.required(id, "commissioners[].id");
        }
    }

    /**
     * A staff pool: a team carers belong to.
     *
     * @param id unique among pools
     * @param name e.g. "Broadland Home Care"
     * @param sector health or social care
     * @param serves the commissioner ids this pool has an agreement to serve; {@code null} (absent) means all, an
     *     empty list means none
     * @param costPerHour the extra cost in pounds per hour of using this pool for another organisation's visit, or
     *     {@code null}
     */
    public record Pool(
            String id,
            @Nullable String name,
            Sector sector,
            @Nullable List<String> serves,
            @Nullable Double costPerHour) {
        public Pool {
            Fields.required(id, "pools[].id");
            Fields.required(sector, "pool " + id + ": sector");
            serves = Fields.nullableList(serves, "pool " + id + ": serves");
        }

        /** Whether this pool may serve a visit of the given commissioner (a visit without one is always allowed). */
        public boolean mayServe(@Nullable String commissionerId) {
            return serves == null || commissionerId == null || serves.contains(commissionerId);
        }
    }

    /**
     * A carer.
     *
     * @param id unique among carers, e.g. {@code C-0042}
     * @param name display name
     * @param pool the id of the carer's staff pool, or {@code null}
     * @param gender the carer's gender, or {@code null} when not recorded
     * @param home where the carer's shifts start and end unless a shift says otherwise
     * @param travelMode how the carer travels; default {@link TravelMode#CAR}
     * @param skills the skills held, each with an optional expiry date
     * @param shifts when the carer may work
     * @param absences when the carer must not work (sickness, leave, training)
     * @param contractedMinutesPerWeek contracted working minutes per week (fairness), or {@code null}
     * @param maxWorkingMinutesPerDay the most minutes of work (visits, travel and waiting) in a day, or {@code null}
     * @param pay how and how much the carer is paid, or {@code null}
     * @param capacity extension beyond v1: vehicle capacity for capacitated routing (same unit as
     *     {@link Visit#demand()}), or {@code null} for unlimited
     */
    public record Carer(
            String id,
            @Nullable String name,
            @Nullable String pool,
            @Nullable Gender gender,
            Location home,
            TravelMode travelMode,
            List<CarerSkill> skills,
            List<Shift> shifts,
            List<Absence> absences,
            @Nullable Double contractedMinutesPerWeek,
            @Nullable Double maxWorkingMinutesPerDay,
            @Nullable Pay pay,
            @Nullable Double capacity) {
        public Carer {
            Fields.required(id, "carers[].id");
            Fields.required(home, "carer " + id + ": home");
            travelMode = travelMode == null ? TravelMode.CAR : travelMode;
            skills = Fields.list(skills, "carer " + id + ": skills");
            shifts = Fields.list(Fields.required(shifts, "carer " + id + ": shifts"), "carer " + id + ": shifts");
            absences = Fields.list(absences, "carer " + id + ": absences");
        }

        /** Whether the carer holds a skill that is in date on the given day (valid until that day inclusive). */
        public boolean holdsSkillOn(String code, LocalDate day) {
            for (CarerSkill skill : skills) {
                if (skill.code().equals(code) && skill.isValidOn(day)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A skill a carer holds.
     *
     * @param code a code of the skill catalogue
     * @param validUntil the last day the skill is valid (inclusive), or {@code null} if it does not expire
     */
    public record CarerSkill(String code, @Nullable LocalDate validUntil) {
        public CarerSkill {
            Fields.required(code, "carers[].skills[].code");
        }

        /** Whether the skill is in date on the given day. */
        public boolean isValidOn(LocalDate day) {
            return validUntil == null || !day.isAfter(validUntil);
        }
    }

    /**
     * A period when a carer may work.
     *
     * @param start when the carer may leave the start location
     * @param end when the carer must be back at the end location
     * @param startLocation extension beyond v1: where the shift starts when not at home, or {@code null}
     * @param endLocation extension beyond v1: where the shift ends when not at home, or {@code null}
     * @param started extension beyond v1, written by re-planning: the visits of this shift already started or done,
     *     in order. They are not planned again; the carer continues from where and when the last of them ends, and the
     *     day's legal checks (rest break, daily maximum, minimum wage, return) count them. Empty for a normal shift.
     */
    public record Shift(
            LocalDateTime start,
            LocalDateTime end,
            @Nullable Location startLocation,
            @Nullable Location endLocation,
            List<StartedVisit> started) {
        public Shift {
            Fields.required(start, "shift start");
            Fields.required(end, "shift end");
            started = Fields.list(started, "shift started");
        }

        /** A shift that starts and ends at home. */
        public Shift(LocalDateTime start, LocalDateTime end) {
            this(start, end, null, null, List.of());
        }

        /** A shift with nothing started yet. */
        public Shift(
                LocalDateTime start,
                LocalDateTime end,
                @Nullable Location startLocation,
                @Nullable Location endLocation) {
            this(start, end, startLocation, endLocation, List.of());
        }
    }

    /**
     * A visit of a shift already started or done when the day is re-planned (extension beyond v1).
     *
     * @param visit the visit id (the visit itself is no longer in the problem)
     * @param location where it takes place
     * @param start when it started
     * @param end when it ends (later than planned if it overruns)
     */
    public record StartedVisit(String visit, Location location, LocalDateTime start, LocalDateTime end) {
        public StartedVisit {
            Fields.required(visit, "shift started[].visit");
            Fields.required(location, "shift started[].location");
            Fields.required(start, "shift started[].start");
            Fields.required(end, "shift started[].end");
        }
    }

    /**
     * A period when a carer must not work.
     *
     * @param start the first moment of the absence
     * @param end the moment the carer is available again
     * @param reason e.g. "sickness", "annual leave", "training"
     */
    public record Absence(LocalDateTime start, LocalDateTime end, @Nullable String reason) {
        public Absence {
            Fields.required(start, "absence start");
            Fields.required(end, "absence end");
        }
    }

    /**
     * How a carer is paid.
     *
     * @param model hourly, per contact hour or per visit; {@code null} when not stated
     * @param rate pounds per hour (HOURLY, PER_CONTACT_HOUR) or per visit (PER_VISIT), or {@code null}
     */
    public record Pay(@Nullable PayModel model, @Nullable Double rate) {}

    /**
     * A place. Which fields are needed depends on the travel model: {@code lat}/{@code lon} (STRAIGHT_LINE),
     * {@code x}/{@code y} (PLANAR) or {@code point} (MATRIX).
     *
     * @param lat latitude in decimal degrees (WGS 84)
     * @param lon longitude in decimal degrees (WGS 84)
     * @param x planar x coordinate (benchmark units)
     * @param y planar y coordinate (benchmark units)
     * @param point a point id of the travel matrix
     * @param postcode the postcode, for people; never used for travel
     */
    public record Location(
            @Nullable Double lat,
            @Nullable Double lon,
            @Nullable Double x,
            @Nullable Double y,
            @Nullable String point,
            @Nullable String postcode) {

        /** A latitude/longitude location. */
        public static Location ofLatLon(double lat, double lon) {
            return new Location(lat, lon, null, null, null, null);
        }

        /** A planar location. */
        public static Location ofXy(double x, double y) {
            return new Location(null, null, x, y, null, null);
        }

        /** A location named by a matrix point id. */
        public static Location ofPoint(String point) {
            return new Location(null, null, null, null, point, null);
        }

        /** Whether both latitude and longitude are given. */
        public boolean hasLatLon() {
            return lat != null && lon != null;
        }

        /** Whether both x and y are given. */
        public boolean hasXy() {
            return x != null && y != null;
        }

        /** Whether a matrix point is given. */
        public boolean hasPoint() {
            return point != null && !point.isBlank();
        }
    }

    /**
     * A person who receives care.
     *
     * @param id unique among service users
     * @param name display name
     * @param location where visits take place
     * @param area the area (place or neighbourhood) the person lives in, for reports
     * @param genderPreference the carer gender the person asks for, or {@code null} for no preference
     * @param preferredCarers carer ids the person prefers (soft)
     * @param bannedCarers carer ids who must never visit this person (hard)
     * @param regularCarers carer ids who have served this person recently (continuity of care, soft)
     */
    public record ServiceUser(
            String id,
            @Nullable String name,
            Location location,
            @Nullable String area,
            @Nullable Gender genderPreference,
            List<String> preferredCarers,
            List<String> bannedCarers,
            List<String> regularCarers) {
        public ServiceUser {
            Fields.required(id, "serviceUsers[].id");
            Fields.required(location, "service user " + id + ": location");
            preferredCarers = Fields.list(preferredCarers, "service user " + id + ": preferredCarers");
            bannedCarers = Fields.list(bannedCarers, "service user " + id + ": bannedCarers");
            regularCarers = Fields.list(regularCarers, "service user " + id + ": regularCarers");
        }
    }

    /**
     * A dated visit to a service user.
     *
     * @param id unique among visits, e.g. {@code V-000123-D1}
     * @param serviceUser the id of the person visited
     * @param commissioner the id of the commissioner paying for it, or {@code null}
     * @param windowStart the earliest start
     * @param windowEnd the latest acceptable start: hard for {@link Priority#TIME_CRITICAL}, otherwise a start after it
     *     is late
     * @param preferredStart the start the person would like, or {@code null} (lateness is measured against it)
     * @param durationMinutes how long the visit takes, in minutes (more than 0)
     * @param requiredSkills skill codes every carer on the visit must hold in date
     * @param carersRequired how many carers, 1 to 4, all starting together; default 1
     * @param dependsOn a visit this one must follow, or {@code null}
     * @param priority how much the visit matters; default {@link Priority#NORMAL}
     * @param pinnedCarers carer ids fixed to this visit (already started or done)
     * @param demand extension beyond v1: the load this visit takes from the carer's {@link Carer#capacity()}, or
     *     {@code null}
     */
    public record Visit(
            String id,
            String serviceUser,
            @Nullable String commissioner,
            LocalDateTime windowStart,
            LocalDateTime windowEnd,
            @Nullable LocalDateTime preferredStart,
            Double durationMinutes,
            List<String> requiredSkills,
            Integer carersRequired,
            @Nullable Dependency dependsOn,
            Priority priority,
            List<String> pinnedCarers,
            @Nullable Double demand) {
        public Visit {
            Fields.required(id, "visits[].id");
            Fields.required(serviceUser, "visit " + id + ": serviceUser");
            Fields.required(windowStart, "visit " + id + ": windowStart");
            Fields.required(windowEnd, "visit " + id + ": windowEnd");
            Fields.required(durationMinutes, "visit " + id + ": durationMinutes");
            requiredSkills = Fields.list(requiredSkills, "visit " + id + ": requiredSkills");
            carersRequired = carersRequired == null ? 1 : carersRequired;
            priority = priority == null ? Priority.NORMAL : priority;
            pinnedCarers = Fields.list(pinnedCarers, "visit " + id + ": pinnedCarers");
        }

        /** The day the visit belongs to: the day of its window start. */
        public LocalDate date() {
            return windowStart.toLocalDate();
        }
    }

    /**
     * This visit starts between {@code minGapMinutes} and {@code maxGapMinutes} after the other visit starts, served
     * by a different carer; 0/0 means together.
     *
     * @param visit the id of the other visit
     * @param minGapMinutes the least gap in minutes; default 0
     * @param maxGapMinutes the largest gap in minutes, or {@code null} for no limit
     */
    public record Dependency(String visit, Double minGapMinutes, @Nullable Double maxGapMinutes) {
        public Dependency {
            Fields.required(visit, "dependsOn.visit");
            minGapMinutes = minGapMinutes == null ? 0.0 : minGapMinutes;
        }
    }

    /**
     * The plan carers already hold; re-planning keeps it unless moving pays.
     *
     * @param assignments one per carer per visit
     */
    public record Published(List<PublishedAssignment> assignments) {
        public Published {
            assignments = Fields.list(assignments, "published.assignments");
        }
    }

    /**
     * One carer's published part of a visit.
     *
     * @param visit the visit id
     * @param carer the carer id
     * @param start the published start, or {@code null}
     */
    public record PublishedAssignment(String visit, String carer, @Nullable LocalDateTime start) {
        public PublishedAssignment {
            Fields.required(visit, "published.assignments[].visit");
            Fields.required(carer, "published.assignments[].carer");
        }
    }

    /**
     * How travel time and distance are computed. Which fields apply depends on {@link #model()}.
     *
     * @param model the travel model
     * @param detourFactor STRAIGHT_LINE: road distance / great-circle distance; default 1.3
     * @param speedsKmh STRAIGHT_LINE: travel-mode name ({@code WALK}, {@code CAR}…) to speed in km/h, overriding the
     *     defaults
     * @param unitsPerMinute PLANAR: distance units travelled per minute; default 1
     * @param points MATRIX: the point ids, in matrix order
     * @param minutes MATRIX: {@code minutes[i][j]} is the travel time in minutes from point i to point j
     * @param km MATRIX: {@code km[i][j]} is the distance in km from point i to point j, or {@code null}
     */
    public record Travel(
            TravelModel model,
            @Nullable Double detourFactor,
            Map<String, Double> speedsKmh,
            @Nullable Double unitsPerMinute,
            List<String> points,
            List<List<Double>> minutes,
            @Nullable List<List<Double>> km) {

        /** The detour factor used when a STRAIGHT_LINE problem gives none. */
        public static final double DEFAULT_DETOUR_FACTOR = 1.3;

        /** The planar speed used when a PLANAR problem gives none. */
        public static final double DEFAULT_UNITS_PER_MINUTE = 1.0;

        public Travel {
            Fields.required(model, "travel.model");
            if (model == TravelModel.STRAIGHT_LINE && detourFactor == null) {
                detourFactor = DEFAULT_DETOUR_FACTOR;
            }
            if (model == TravelModel.PLANAR && unitsPerMinute == null) {
                unitsPerMinute = DEFAULT_UNITS_PER_MINUTE;
            }
            speedsKmh = Fields.map(speedsKmh);
            points = Fields.list(points, "travel.points");
            minutes = Fields.list(minutes, "travel.minutes").stream()
                    .map(row -> Fields.list(row, "travel.minutes row"))
                    .toList();
            km = km == null
                    ? null
                    : Fields.list(km, "travel.km").stream()
                            .map(row -> Fields.list(row, "travel.km row"))
                            .toList();
        }

        /** Straight-line travel with the given detour factor and the default speeds. */
        public static Travel straightLine(double detourFactor) {
            return new Travel(TravelModel.STRAIGHT_LINE, detourFactor, Map.of(), null, List.of(), List.of(), null);
        }

        /** Planar (benchmark) travel. */
        public static Travel planar(double unitsPerMinute) {
            return new Travel(TravelModel.PLANAR, null, Map.of(), unitsPerMinute, List.of(), List.of(), null);
        }

        /** Matrix travel. */
        public static Travel matrix(List<String> points, List<List<Double>> minutes, @Nullable List<List<Double>> km) {
            return new Travel(TravelModel.MATRIX, null, Map.of(), null, points, minutes, km);
        }
    }
}
