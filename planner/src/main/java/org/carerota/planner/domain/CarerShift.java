package org.carerota.planner.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.carerota.planner.travel.TravelMatrix;
import org.carerota.planner.travel.TravelMode;
import org.jspecify.annotations.Nullable;
import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.variable.PiggybackShadowVariable;
import org.optaplanner.core.api.domain.variable.PlanningListVariable;

/**
 * A carer's shift (planning entity): the visits served, in order, from the start location and back. Normally one per
 * carer per day; a split day (two shift intervals in the problem, each from and back to home) is two shifts on the
 * same day, and day-level rules (daily maximum) add them up. One extra, virtual shift per problem ({@link
 * #isVirtual()}) holds the visit slots that are not placed, because OptaPlanner 10's list variable cannot leave a
 * value unassigned.
 */
@PlanningEntity
public class CarerShift {

    @PlanningId
    private String id;

    private @Nullable Carer carer;
    private LocalDate date;
    private int dayIndex;
    private int weekIndex;
    private long start;
    private long end;
    private Location startLocation;
    private Location endLocation;
    private List<Availability> availabilities;
    private List<Absence> absences;
    private ShiftRules rules;
    private long capacity;
    private long usageCost;
    private boolean virtual;
    private TravelMatrix travel;
    private StartedPart started = StartedPart.NONE;

    @PlanningListVariable(valueRangeProviderRefs = CareRota.SLOT_RANGE)
    private List<VisitSlot> slots = new ArrayList<>();

    @PiggybackShadowVariable(shadowEntityClass = VisitSlot.class, shadowVariableName = VisitSlot.ARRIVAL)
    private ShiftSummary summary = ShiftSummary.EMPTY;

    /** For OptaPlanner's cloner. */
    @SuppressWarnings("NullAway.Init")
    public CarerShift() {}

    /**
     * A real shift.
     *
     * @param availabilities when within {@code [start, end)} the carer may be on a visit; empty means the whole shift
     * @param capacity vehicle capacity, or {@link Long#MAX_VALUE}
     * @param usageCost soft cost of using the shift at all (benchmarks; 0 for care)
     */
    public CarerShift(
            String id,
            Carer carer,
            LocalDate date,
            int dayIndex,
            int weekIndex,
            long start,
            long end,
            Location startLocation,
            Location endLocation,
            List<Availability> availabilities,
            List<Absence> absences,
            ShiftRules rules,
            long capacity,
            long usageCost,
            TravelMatrix travel) {
        this.id = id;
        this.carer = carer;
        this.date = date;
        this.dayIndex = dayIndex;
        this.weekIndex = weekIndex;
        this.start = start;
        this.end = end;
        this.startLocation = startLocation;
        this.endLocation = endLocation;
        this.availabilities = List.copyOf(availabilities);
        this.absences = List.copyOf(absences);
        this.rules = rules;
        this.capacity = capacity;
        this.usageCost = usageCost;
        this.travel = travel;
        this.virtual = false;
    }

    /** The problem's virtual "unassigned" shift. */
    public static CarerShift unassigned(LocalDate date, Location anywhere, ShiftRules rules, TravelMatrix travel) {
        CarerShift shift = new CarerShift();
        shift.id = "unassigned";
        shift.carer = null;
        shift.date = date;
        shift.startLocation = anywhere;
        shift.endLocation = anywhere;
        shift.availabilities = List.of();
        shift.absences = List.of();
        shift.rules = rules;
        shift.capacity = Long.MAX_VALUE;
        shift.travel = travel;
        shift.virtual = true;
        return shift;
    }

    /** Travel ticks between two places with this shift's carer's travel mode. */
    public long travelTicks(Location from, Location to) {
        return travel.ticks(from.index(), to.index(), travelMode());
    }

    /** The travel distance between two places (km or planar units). */
    public double travelDistance(Location from, Location to) {
        return travel.distance(from.index(), to.index());
    }

    public TravelMode travelMode() {
        return carer == null ? TravelMode.CAR : carer.getTravelMode();
    }

    /** Whether the shift's carer holds every skill listed... see {@link Carer#missingSkills}. */
    public int missingSkills(Visit visit) {
        return carer == null ? 0 : carer.missingSkills(visit.getRequiredSkills(), visit.getDate());
    }

    public String getId() {
        return id;
    }

    /** The carer; {@code null} only for the virtual shift. */
    public @Nullable Carer getCarer() {
        return carer;
    }

    public String getCarerId() {
        return carer == null ? "" : carer.getId();
    }

    public LocalDate getDate() {
        return date;
    }

    public int getDayIndex() {
        return dayIndex;
    }

    public int getWeekIndex() {
        return weekIndex;
    }

    public long getStart() {
        return start;
    }

    public long getEnd() {
        return end;
    }

    public Location getStartLocation() {
        return startLocation;
    }

    public Location getEndLocation() {
        return endLocation;
    }

    public List<Availability> getAvailabilities() {
        return availabilities;
    }

    public List<Absence> getAbsences() {
        return absences;
    }

    public ShiftRules getRules() {
        return rules;
    }

    public long getCapacity() {
        return capacity;
    }

    public long getUsageCost() {
        return usageCost;
    }

    public boolean isVirtual() {
        return virtual;
    }

    public TravelMatrix getTravel() {
        return travel;
    }

    public List<VisitSlot> getSlots() {
        return slots;
    }

    public void setSlots(List<VisitSlot> slots) {
        this.slots = slots;
    }

    public ShiftSummary getSummary() {
        return summary;
    }

    public void setSummary(ShiftSummary summary) {
        this.summary = summary;
    }

    /**
     * Moves the shift's start time and place (re-planning: visits already started are removed from the problem and
     * the carer continues from where and when the last of them ends).
     */
    public void moveStart(long newStart, Location newStartLocation) {
        this.start = newStart;
        this.startLocation = newStartLocation;
    }

    /**
     * What the carer has already done on this shift (re-planning), {@link StartedPart#NONE} for a normal shift. Set
     * once when the problem is mapped; the shift's start and start location are then where and when it ends.
     */
    public StartedPart getStarted() {
        return started;
    }

    public void setStarted(StartedPart started) {
        this.started = started;
    }

    /** Moves the shift's end (re-planning: a shift whose started visits overrun its end ends when they do). */
    public void moveEnd(long newEnd) {
        this.end = newEnd;
    }

    /** Replaces the absences (re-planning: a carer reported absent from a time). */
    public void setAbsences(List<Absence> absences) {
        this.absences = List.copyOf(absences);
    }

    @Override
    public String toString() {
        return id;
    }
}
