package org.carerota.planner.mapping;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.carerota.planner.domain.Absence;
import org.carerota.planner.domain.CareRota;
import org.carerota.planner.domain.Carer;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Commissioner;
import org.carerota.planner.domain.Gender;
import org.carerota.planner.domain.Location;
import org.carerota.planner.domain.Pay;
import org.carerota.planner.domain.PayModel;
import org.carerota.planner.domain.Pool;
import org.carerota.planner.domain.Priority;
import org.carerota.planner.domain.Sector;
import org.carerota.planner.domain.ServiceUser;
import org.carerota.planner.domain.ShiftRules;
import org.carerota.planner.domain.Skill;
import org.carerota.planner.domain.StartedPart;
import org.carerota.planner.domain.TimeWindow;
import org.carerota.planner.domain.Visit;
import org.carerota.planner.domain.VisitSlot;
import org.carerota.planner.io.CommissionerKind;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.solver.CareConstraintWeights;
import org.carerota.planner.solver.ScheduleCalculator;
import org.carerota.planner.travel.MatrixTravel;
import org.carerota.planner.travel.PlanarTravel;
import org.carerota.planner.travel.StraightLineTravel;
import org.carerota.planner.travel.TravelMatrix;
import org.carerota.planner.travel.TravelMode;
import org.carerota.planner.travel.TravelTimeProvider;
import org.jspecify.annotations.Nullable;

/**
 * Maps a problem document to the planning model. Times become minutes since midnight at the start of the horizon in
 * local wall-clock time (so a DST change night is an hour off for visits between 01:00 and 02:00; care visits are
 * planned in local time and the rota shows local time). Published and pinned assignments are placed on their carers'
 * shifts before solving; everything else is left for the construction heuristic.
 */
public final class ProblemMapper {

    /** Idle gaps longer than this are penalised when the problem does not say. */
    public static final long DEFAULT_IDLE_GAP_THRESHOLD_MINUTES = 30;

    /** The cross-pool cost when a pool gives none: one pound an hour, a mild preference for the own sector. */
    public static final double DEFAULT_CROSS_POOL_COST_PER_HOUR = 1.0;

    private final ProblemDocument problem;
    private final LocalDateTime epoch;
    private final Map<String, Location> locationsByKey = new LinkedHashMap<>();
    private final List<Location> locations = new ArrayList<>();
    private final Map<String, Integer> matrixPoints = new HashMap<>();

    private ProblemMapper(ProblemDocument problem) {
        this.problem = problem;
        this.epoch = problem.horizon().from().atStartOfDay();
    }

    /** The planning problem, every shadow variable computed for the pre-placed slots. */
    public static MappedProblem map(ProblemDocument problem) {
        return new ProblemMapper(problem).build();
    }

    private MappedProblem build() {
        ProblemDocument.Settings settings = problem.settings();
        int days = (int) Math.max(1, problem.horizon().days());
        for (int i = 0; i < problem.travel().points().size(); i++) {
            matrixPoints.put(problem.travel().points().get(i), i);
        }
        Map<String, Commissioner> commissioners = new LinkedHashMap<>();
        for (ProblemDocument.Commissioner commissioner : problem.commissioners()) {
            commissioners.put(commissioner.id(), new Commissioner(commissioner.id(), sectorOf(commissioner.kind())));
        }
        Map<String, Pool> pools = new LinkedHashMap<>();
        for (ProblemDocument.Pool pool : problem.pools()) {
            pools.put(
                    pool.id(),
                    new Pool(
                            pool.id(),
                            pool.sector() == org.carerota.planner.io.Sector.HEALTH ? Sector.HEALTH : Sector.SOCIAL_CARE,
                            pool.serves() == null ? null : Set.copyOf(pool.serves()),
                            pool.costPerHour() == null ? DEFAULT_CROSS_POOL_COST_PER_HOUR : pool.costPerHour()));
        }
        ShiftRules rules = new ShiftRules(
                Math.round(settings.restBreakAfterMinutes()),
                Math.round(settings.restBreakMinutes()),
                settings.idleGapThresholdMinutes() == null
                        ? DEFAULT_IDLE_GAP_THRESHOLD_MINUTES
                        : Math.round(settings.idleGapThresholdMinutes()),
                settings.minimumHourlyWage() == null ? -1 : Math.round(settings.minimumHourlyWage() * 100),
                1);

        // Carers and their locations.
        Map<String, Carer> carers = new LinkedHashMap<>();
        Set<TravelMode> modes = EnumSet.noneOf(TravelMode.class);
        for (ProblemDocument.Carer dto : problem.carers()) {
            List<Skill> skills = dto.skills().stream()
                    .map(skill -> new Skill(skill.code(), skill.validUntil()))
                    .toList();
            TravelMode mode = TravelMode.valueOf(dto.travelMode().name());
            modes.add(mode);
            Carer carer = new Carer(
                    dto.id(),
                    dto.pool() == null ? null : pools.get(dto.pool()),
                    dto.gender() == null ? null : Gender.valueOf(dto.gender().name()),
                    location(dto.home(), "carer " + dto.id() + " home"),
                    mode,
                    skills,
                    dto.contractedMinutesPerWeek() == null ? Carer.NONE : Math.round(dto.contractedMinutesPerWeek()),
                    dto.maxWorkingMinutesPerDay() == null ? Carer.NONE : Math.round(dto.maxWorkingMinutesPerDay()),
                    pay(dto.pay()));
            if (carer.getContractedPerWeek() != Carer.NONE) {
                int weeks = (days + 6) / 7;
                long[] targets = new long[weeks];
                for (int week = 0; week < weeks; week++) {
                    int daysInWeek = Math.min(7, days - week * 7);
                    targets[week] = carer.getContractedPerWeek() * daysInWeek / 7;
                }
                carer.setWeeklyContractedTargets(targets);
            }
            carers.put(dto.id(), carer);
        }
        // Service users.
        Map<String, ServiceUser> serviceUsers = new LinkedHashMap<>();
        for (ProblemDocument.ServiceUser dto : problem.serviceUsers()) {
            serviceUsers.put(
                    dto.id(),
                    new ServiceUser(
                            dto.id(),
                            location(dto.location(), "service user " + dto.id()),
                            dto.area(),
                            dto.genderPreference() == null
                                    ? null
                                    : Gender.valueOf(dto.genderPreference().name()),
                            Set.copyOf(dto.preferredCarers()),
                            Set.copyOf(dto.bannedCarers()),
                            Set.copyOf(dto.regularCarers())));
        }
        // Shift locations (may add locations).
        Map<String, List<ProblemDocument.Shift>> shiftParts = new LinkedHashMap<>();
        for (ProblemDocument.Carer dto : problem.carers()) {
            for (ProblemDocument.Shift shift : dto.shifts()) {
                LocalDate day = shift.start().toLocalDate();
                if (!problem.horizon().contains(day)) {
                    continue;
                }
                shiftParts
                        .computeIfAbsent(dto.id() + "@" + day, key -> new ArrayList<>())
                        .add(shift);
                if (shift.startLocation() != null) {
                    location(shift.startLocation(), "carer " + dto.id() + " shift start");
                }
                if (shift.endLocation() != null) {
                    location(shift.endLocation(), "carer " + dto.id() + " shift end");
                }
                for (ProblemDocument.StartedVisit started : shift.started()) {
                    location(started.location(), "carer " + dto.id() + " started visit " + started.visit());
                }
            }
        }
        TravelMatrix travel = TravelMatrix.precompute(provider(), 1.0, modes);

        // Shifts: one per shift interval of the problem (a split day is two shifts, each from and back to home).
        List<CarerShift> shifts = new ArrayList<>();
        Map<String, List<CarerShift>> shiftsByCarerDay = new LinkedHashMap<>();
        for (ProblemDocument.Carer dto : problem.carers()) {
            Carer carer = carers.get(dto.id());
            for (int day = 0; day < days; day++) {
                LocalDate date = problem.horizon().from().plusDays(day);
                List<ProblemDocument.Shift> parts = shiftsByCarerDay.containsKey(dto.id() + "@" + date)
                        ? List.of()
                        : shiftParts.getOrDefault(dto.id() + "@" + date, List.of());
                List<ProblemDocument.Shift> sorted = new ArrayList<>(parts);
                sorted.sort((a, b) -> a.start().compareTo(b.start()));
                int number = 0;
                for (ProblemDocument.Shift part : sorted) {
                    long start = ticks(part.start());
                    long end = Math.max(start, ticks(part.end()));
                    List<Absence> absences = new ArrayList<>();
                    for (ProblemDocument.Absence absence : dto.absences()) {
                        long from = ticks(absence.start());
                        long to = ticks(absence.end());
                        if (to > start - 1440 && from < end + 1440) {
                            absences.add(
                                    new Absence(from, to, absence.reason() == null ? "absence" : absence.reason()));
                        }
                    }
                    number++;
                    CarerShift shift = new CarerShift(
                            dto.id() + "@" + date + (number == 1 ? "" : "#" + number),
                            carer,
                            date,
                            day,
                            day / 7,
                            start,
                            end,
                            part.startLocation() == null ? carer.getHome() : location(part.startLocation(), ""),
                            part.endLocation() == null ? carer.getHome() : location(part.endLocation(), ""),
                            List.of(),
                            absences,
                            rules,
                            dto.capacity() == null ? Long.MAX_VALUE : Math.round(dto.capacity()),
                            0L,
                            travel);
                    if (!part.started().isEmpty()) {
                        startedPart(shift, part.started(), rules);
                    }
                    shifts.add(shift);
                    shiftsByCarerDay
                            .computeIfAbsent(dto.id() + "@" + date, key -> new ArrayList<>())
                            .add(shift);
                }
            }
        }
        Location anywhere = locations.isEmpty() ? new Location(0, "nowhere", 0, 0) : locations.get(0);
        CarerShift unassigned = CarerShift.unassigned(problem.horizon().from(), anywhere, rules, travel);
        shifts.add(unassigned);

        // Visits and slots.
        Map<String, List<String>> publishedCarers = new HashMap<>();
        Map<String, LocalDateTime> publishedStarts = new HashMap<>();
        if (problem.published() != null) {
            for (ProblemDocument.PublishedAssignment assignment :
                    problem.published().assignments()) {
                publishedCarers
                        .computeIfAbsent(assignment.visit(), key -> new ArrayList<>())
                        .add(assignment.carer());
                if (assignment.start() != null) {
                    publishedStarts.put(assignment.visit() + "/" + assignment.carer(), assignment.start());
                }
            }
        }
        Map<String, Visit> visits = new LinkedHashMap<>();
        Map<String, List<VisitSlot>> slotsByVisit = new LinkedHashMap<>();
        List<VisitSlot> slots = new ArrayList<>();
        for (ProblemDocument.Visit dto : problem.visits()) {
            ServiceUser serviceUser = serviceUsers.get(dto.serviceUser());
            if (serviceUser == null) {
                throw new IllegalArgumentException("visit " + dto.id() + ": unknown service user " + dto.serviceUser());
            }
            long windowStart = ticks(dto.windowStart());
            long windowEnd = Math.max(windowStart, ticks(dto.windowEnd()));
            LocalDate date = dto.windowStart().toLocalDate();
            int day = (int) (date.toEpochDay() - problem.horizon().from().toEpochDay());
            Commissioner commissioner = dto.commissioner() == null
                    ? null
                    : commissioners.computeIfAbsent(dto.commissioner(), id -> new Commissioner(id, Sector.SOCIAL_CARE));
            Visit visit = new Visit(
                    dto.id(),
                    serviceUser,
                    commissioner,
                    new TimeWindow(windowStart, windowEnd),
                    dto.preferredStart() == null ? windowStart : ticks(dto.preferredStart()),
                    Math.max(1L, (long) Math.ceil(dto.durationMinutes() - 1e-9)),
                    dto.requiredSkills(),
                    Math.max(1, dto.carersRequired()),
                    Priority.valueOf(dto.priority().name()),
                    date,
                    day,
                    Math.floorDiv(day, 7),
                    Set.copyOf(dto.pinnedCarers()),
                    Set.copyOf(publishedCarers.getOrDefault(dto.id(), List.of())),
                    dto.demand() == null ? 0L : Math.round(dto.demand()));
            visits.put(dto.id(), visit);
            List<VisitSlot> visitSlots = new ArrayList<>();
            for (int part = 0; part < visit.getCarersRequired(); part++) {
                visitSlots.add(new VisitSlot(visit, part));
            }
            VisitSlot.linkTogether(visitSlots);
            slotsByVisit.put(dto.id(), visitSlots);
            slots.addAll(visitSlots);
        }
        // Dependencies: 0/0 merges the groups that start together; otherwise a gap link.
        for (ProblemDocument.Visit dto : problem.visits()) {
            if (dto.dependsOn() == null) {
                continue;
            }
            Visit visit = visits.get(dto.id());
            Visit other = visits.get(dto.dependsOn().visit());
            String startedBy = startedBy(dto.dependsOn().visit());
            if (other == null && startedBy != null) {
                // Re-planning: it depends on a visit already started. Replanner.prepare has written the gap into its
                // window; here the other rule, "by a different carer", becomes a ban on that visit's carer.
                visit.notBy(startedBy);
                continue;
            }
            if (other == null) {
                throw new IllegalArgumentException("visit " + dto.id() + ": dependsOn names unknown visit "
                        + dto.dependsOn().visit());
            }
            long minGap = Math.round(dto.dependsOn().minGapMinutes());
            long maxGap = dto.dependsOn().maxGapMinutes() == null
                    ? Visit.NO_LIMIT
                    : Math.round(dto.dependsOn().maxGapMinutes());
            visit.dependOn(other, minGap, maxGap);
            if (visit.isTogetherWithDependency()) {
                Set<VisitSlot> group = new LinkedHashSet<>(
                        slotsByVisit.get(other.getId()).get(0).getTogether());
                group.addAll(slotsByVisit.get(visit.getId()).get(0).getTogether());
                VisitSlot.linkTogether(new ArrayList<>(group));
            } else {
                for (VisitSlot first : slotsByVisit.get(other.getId())) {
                    for (VisitSlot then : slotsByVisit.get(visit.getId())) {
                        VisitSlot.linkDependency(first, then);
                    }
                }
            }
        }
        // Pre-place pinned, then published, assignments on their carers' shifts, in start order.
        Map<CarerShift, TreeMap<Long, List<VisitSlot>>> placed = new LinkedHashMap<>();
        for (Visit visit : visits.values()) {
            List<String> wanted = new ArrayList<>(visit.getPinnedCarers());
            if (wanted.isEmpty()) {
                wanted.addAll(publishedCarers.getOrDefault(visit.getId(), List.of()));
            }
            List<VisitSlot> visitSlots = slotsByVisit.get(visit.getId());
            int part = 0;
            for (String carerId : new LinkedHashSet<>(wanted)) {
                if (part >= visitSlots.size()) {
                    break;
                }
                LocalDateTime publishedAt = publishedStarts.get(visit.getId() + "/" + carerId);
                long when = publishedAt == null ? visit.getWindow().start() : ticks(publishedAt);
                CarerShift shift = null;
                for (CarerShift candidate : shiftsByCarerDay.getOrDefault(carerId + "@" + visit.getDate(), List.of())) {
                    if (shift == null || (candidate.getStart() <= when && when < candidate.getEnd())) {
                        shift = candidate;
                    }
                }
                if (shift == null) {
                    continue;
                }
                if (visit.getPinnedCarers().isEmpty()
                        && Absence.overlap(shift.getAbsences(), when, when + visit.getDuration()) > 0) {
                    // Published, but the carer is now absent then: the visit is re-planned from scratch.
                    continue;
                }
                LocalDateTime published = publishedStarts.get(visit.getId() + "/" + carerId);
                long order = published == null ? visit.getWindow().start() : ticks(published);
                placed.computeIfAbsent(shift, key -> new TreeMap<>())
                        .computeIfAbsent(order, key -> new ArrayList<>())
                        .add(visitSlots.get(part++));
            }
        }
        for (Map.Entry<CarerShift, TreeMap<Long, List<VisitSlot>>> entry : placed.entrySet()) {
            List<VisitSlot> list = new ArrayList<>();
            entry.getValue().values().forEach(list::addAll);
            place(entry.getKey(), list);
        }
        if (shifts.size() == 1) {
            place(unassigned, slots);
        }
        CareConstraintWeights weights = new CareConstraintWeights().withOverrides(settings.weights());
        CareRota rota = new CareRota(
                problem.name() == null ? "rota" : problem.name(),
                problem.horizon().from(),
                days,
                1,
                travel,
                List.copyOf(locations),
                List.copyOf(carers.values()),
                List.copyOf(serviceUsers.values()),
                List.copyOf(visits.values()),
                List.copyOf(pools.values()),
                shifts,
                slots,
                weights);
        ScheduleCalculator.updateAll(shifts, slots, ScheduleCalculator.DIRECT);
        return new MappedProblem(problem, rota, epoch);
    }

    /** Puts slots on a shift (list and list shadow variables); times are computed afterwards. */
    public static void place(CarerShift shift, List<VisitSlot> slots) {
        List<VisitSlot> list = new ArrayList<>(shift.getSlots());
        list.addAll(slots);
        shift.setSlots(list);
        for (int i = 0; i < list.size(); i++) {
            VisitSlot slot = list.get(i);
            slot.setShift(shift);
            slot.setPrevious(i == 0 ? null : list.get(i - 1));
            slot.setNext(i == list.size() - 1 ? null : list.get(i + 1));
        }
    }

    /** Empties a shift (list and the slots' list shadow variables). */
    public static void clear(CarerShift shift) {
        for (VisitSlot slot : shift.getSlots()) {
            slot.setShift(null);
            slot.setPrevious(null);
            slot.setNext(null);
        }
        shift.setSlots(new ArrayList<>());
    }

    private long ticks(LocalDateTime time) {
        return Duration.between(epoch, time).toMinutes();
    }

    private static @Nullable Pay pay(ProblemDocument.@Nullable Pay pay) {
        if (pay == null || pay.model() == null || pay.rate() == null) {
            return null;
        }
        return new Pay(PayModel.valueOf(pay.model().name()), pay.rate());
    }

    private static Sector sectorOf(@Nullable CommissionerKind kind) {
        if (kind == CommissionerKind.ICB || kind == CommissionerKind.NHS_TRUST) {
            return Sector.HEALTH;
        }
        return Sector.SOCIAL_CARE;
    }

    /**
     * Re-planning: the visits of a shift already started or done count in the day's checks ({@link StartedPart}), and
     * the shift continues from where and when the last of them ends.
     */
    private void startedPart(CarerShift shift, List<ProblemDocument.StartedVisit> started, ShiftRules rules) {
        Location at = shift.getStartLocation();
        long departure = 0;
        long firstStart = 0;
        long previousEnd = 0;
        long travel = 0;
        long contact = 0;
        long idle = 0;
        long longestIdle = 0;
        long idleBeyond = 0;
        for (int i = 0; i < started.size(); i++) {
            ProblemDocument.StartedVisit visit = started.get(i);
            Location here = location(visit.location(), "");
            long leg = shift.travelTicks(at, here);
            long start = ticks(visit.start());
            long end = Math.max(start, ticks(visit.end()));
            if (i == 0) {
                departure = start - leg;
                firstStart = start;
            } else {
                long wait = Math.max(0L, start - (previousEnd + leg));
                idle += wait;
                longestIdle = Math.max(longestIdle, wait);
                idleBeyond += Math.max(0L, wait - rules.idleGapThreshold());
            }
            travel += leg;
            contact += end - start;
            previousEnd = end;
            at = here;
        }
        shift.setStarted(new StartedPart(
                started.size(), departure, firstStart, previousEnd, travel, contact, idle, longestIdle, idleBeyond));
        shift.moveStart(Math.max(shift.getStart(), previousEnd), at);
        if (shift.getEnd() < shift.getStart()) {
            shift.moveEnd(shift.getStart());
        }
    }

    /** The carer of the shift that lists this visit as started, or {@code null}. */
    private @Nullable String startedBy(String visitId) {
        for (ProblemDocument.Carer carer : problem.carers()) {
            for (ProblemDocument.Shift shift : carer.shifts()) {
                for (ProblemDocument.StartedVisit started : shift.started()) {
                    if (started.visit().equals(visitId)) {
                        return carer.id();
                    }
                }
            }
        }
        return null;
    }

    private Location location(ProblemDocument.Location dto, String owner) {
        switch (problem.travel().model()) {
            case STRAIGHT_LINE -> {
                if (!dto.hasLatLon()) {
                    throw new IllegalArgumentException(owner + ": location needs lat and lon");
                }
                return intern("ll:" + dto.lat() + "," + dto.lon(), dto.postcode(), dto.lon(), dto.lat());
            }
            case PLANAR -> {
                if (!dto.hasXy()) {
                    throw new IllegalArgumentException(owner + ": location needs x and y");
                }
                return intern("xy:" + dto.x() + "," + dto.y(), null, dto.x(), dto.y());
            }
            case MATRIX -> {
                if (!dto.hasPoint() || !matrixPoints.containsKey(dto.point())) {
                    throw new IllegalArgumentException(owner + ": location needs a point of the travel matrix");
                }
                return intern("pt:" + dto.point(), dto.point(), 0, 0);
            }
            default ->
                throw new IllegalStateException(
                        "unknown travel model " + problem.travel().model());
        }
    }

    private Location intern(String key, @Nullable String label, double x, double y) {
        Location existing = locationsByKey.get(key);
        if (existing != null) {
            return existing;
        }
        int index = problem.travel().model() == org.carerota.planner.io.TravelModel.MATRIX
                ? matrixPoints.get(key.substring(3))
                : locations.size();
        Location location = new Location(index, label == null ? key.substring(3) : label, x, y);
        locationsByKey.put(key, location);
        locations.add(location);
        return location;
    }

    private TravelTimeProvider provider() {
        ProblemDocument.Travel travel = problem.travel();
        switch (travel.model()) {
            case STRAIGHT_LINE -> {
                Map<TravelMode, Double> speeds = new HashMap<>();
                travel.speedsKmh().forEach((mode, speed) -> speeds.put(TravelMode.valueOf(mode), speed));
                return new StraightLineTravel(
                        locations.stream().mapToDouble(Location::y).toArray(),
                        locations.stream().mapToDouble(Location::x).toArray(),
                        travel.detourFactor() == null
                                ? StraightLineTravel.DEFAULT_DETOUR_FACTOR
                                : travel.detourFactor(),
                        speeds);
            }
            case PLANAR -> {
                return new PlanarTravel(
                        locations.stream().mapToDouble(Location::x).toArray(),
                        locations.stream().mapToDouble(Location::y).toArray(),
                        travel.unitsPerMinute() == null ? 1.0 : travel.unitsPerMinute());
            }
            case MATRIX -> {
                int n = travel.points().size();
                double[][] minutes = new double[n][n];
                double[][] km = travel.km() == null ? null : new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        minutes[i][j] = travel.minutes().get(i).get(j);
                        if (km != null) {
                            km[i][j] = travel.km().get(i).get(j);
                        }
                    }
                }
                return new MatrixTravel(minutes, km);
            }
            default -> throw new IllegalStateException("unknown travel model " + travel.model());
        }
    }
}
