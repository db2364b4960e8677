package org.carerota.planner.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.carerota.planner.solver.CareConstraintWeights;
import org.carerota.planner.travel.TravelMatrix;
import org.jspecify.annotations.Nullable;
import org.optaplanner.core.api.domain.constraintweight.ConstraintConfigurationProvider;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The planning solution: every carer shift of the horizon plus the virtual unassigned shift, every visit slot, the
 * problem facts and the constraint weights.
 */
@PlanningSolution
public class CareRota {

    public static final String SLOT_RANGE = "slotRange";

    private String name;
    private LocalDate horizonStart;
    private int days;
    private long ticksPerMinute;
    private TravelMatrix travel;
    private List<Location> locations;

    @ProblemFactCollectionProperty
    private List<Carer> carers;

    @ProblemFactCollectionProperty
    private List<ServiceUser> serviceUsers;

    @ProblemFactCollectionProperty
    private List<Visit> visits;

    @ProblemFactCollectionProperty
    private List<Pool> pools;

    @PlanningEntityCollectionProperty
    private List<CarerShift> shifts;

    /*
     * A problem fact collection, not an entity collection: OptaPlanner 10.2.0's SolutionDescriptor.countUnassignedValues
     * reads the list variable of every entity, VisitSlots included, and fails. VisitSlot is still a planning entity
     * (declared to the solver) for its shadow variables.
     */
    @ProblemFactCollectionProperty
    @ValueRangeProvider(id = SLOT_RANGE)
    private List<VisitSlot> slots;

    @ConstraintConfigurationProvider
    private CareConstraintWeights weights;

    @PlanningScore
    private @Nullable HardMediumSoftLongScore score;

    /** For OptaPlanner's cloner. */
    @SuppressWarnings("NullAway.Init")
    public CareRota() {}

    public CareRota(
            String name,
            LocalDate horizonStart,
            int days,
            long ticksPerMinute,
            TravelMatrix travel,
            List<Location> locations,
            List<Carer> carers,
            List<ServiceUser> serviceUsers,
            List<Visit> visits,
            List<Pool> pools,
            List<CarerShift> shifts,
            List<VisitSlot> slots,
            CareConstraintWeights weights) {
        this.name = name;
        this.horizonStart = horizonStart;
        this.days = days;
        this.ticksPerMinute = ticksPerMinute;
        this.travel = travel;
        this.locations = locations;
        this.carers = new ArrayList<>(carers);
        this.serviceUsers = new ArrayList<>(serviceUsers);
        this.visits = new ArrayList<>(visits);
        this.pools = new ArrayList<>(pools);
        this.shifts = new ArrayList<>(shifts);
        this.slots = new ArrayList<>(slots);
        this.weights = weights;
    }

    /** The virtual shift holding unplaced slots. */
    public CarerShift unassignedShift() {
        for (CarerShift shift : shifts) {
            if (shift.isVirtual()) {
                return shift;
            }
        }
        throw new IllegalStateException("the rota has no virtual unassigned shift");
    }

    public String getName() {
        return name;
    }

    public LocalDate getHorizonStart() {
        return horizonStart;
    }

    public int getDays() {
        return days;
    }

    public long ticksPerMinute() {
        return ticksPerMinute;
    }

    public TravelMatrix getTravel() {
        return travel;
    }

    public List<Location> getLocations() {
        return locations;
    }

    public List<Carer> getCarers() {
        return carers;
    }

    public List<ServiceUser> getServiceUsers() {
        return serviceUsers;
    }

    public List<Visit> getVisits() {
        return visits;
    }

    public List<Pool> getPools() {
        return pools;
    }

    public List<CarerShift> getShifts() {
        return shifts;
    }

    public List<VisitSlot> getSlots() {
        return slots;
    }

    public CareConstraintWeights getWeights() {
        return weights;
    }

    public void setWeights(CareConstraintWeights weights) {
        this.weights = weights;
    }

    public @Nullable HardMediumSoftLongScore getScore() {
        return score;
    }

    public void setScore(@Nullable HardMediumSoftLongScore score) {
        this.score = score;
    }
}
