package org.carerota.planner.domain;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.optaplanner.core.api.domain.lookup.PlanningId;

/** A staff pool (problem fact): the commissioners it may serve and the cost of using it across sectors. */
public final class Pool {

    @PlanningId
    private final String id;

    private final Sector sector;
    private final @Nullable Set<String> serves;
    private final double costPerHour;

    /**
     * @param serves commissioner ids the pool has an agreement with, or {@code null} for all
     * @param costPerHour pounds per hour of using the pool for a visit of the other sector
     */
    public Pool(String id, Sector sector, @Nullable Set<String> serves, double costPerHour) {
        this.id = id;
        this.sector = sector;
        this.serves = serves == null ? null : Set.copyOf(serves);
        this.costPerHour = costPerHour;
    }

    public String getId() {
        return id;
    }

    public Sector getSector() {
        return sector;
    }

    public @Nullable Set<String> getServes() {
        return serves;
    }

    public double getCostPerHour() {
        return costPerHour;
    }

    /** Whether the pool may serve a visit paid by this commissioner (a visit without one is always allowed). */
    public boolean mayServe(@Nullable Commissioner commissioner) {
        return serves == null || commissioner == null || serves.contains(commissioner.id());
    }

    @Override
    public String toString() {
        return id;
    }
}
