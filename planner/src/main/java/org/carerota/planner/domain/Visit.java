package org.carerota.planner.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.optaplanner.core.api.domain.lookup.PlanningId;

/**
 * A dated visit to a service user (problem fact). A visit needing N carers is served by N {@link VisitSlot}s. Times
 * and durations are in ticks.
 */
public final class Visit {

    /** {@link #getMaxGap()} when the dependency has no upper limit. */
    public static final long NO_LIMIT = Long.MAX_VALUE;

    @PlanningId
    private final String id;

    private final ServiceUser serviceUser;
    private final @Nullable Commissioner commissioner;
    private final TimeWindow window;
    private final long preferredStart;
    private final long duration;
    private final List<String> requiredSkills;
    private final int carersRequired;
    private final Priority priority;
    private final LocalDate date;
    private final int dayIndex;
    private final int weekIndex;
    private final Set<String> pinnedCarers;
    private final Set<String> publishedCarers;
    private final long demand;
    private @Nullable Visit dependsOn;
    private long minGap;
    private long maxGap = NO_LIMIT;
    private Set<String> notBy = Set.of();

    public Visit(
            String id,
            ServiceUser serviceUser,
            @Nullable Commissioner commissioner,
            TimeWindow window,
            long preferredStart,
            long duration,
            List<String> requiredSkills,
            int carersRequired,
            Priority priority,
            LocalDate date,
            int dayIndex,
            int weekIndex,
            Set<String> pinnedCarers,
            Set<String> publishedCarers,
            long demand) {
        if (duration <= 0) {
            throw new IllegalArgumentException("visit " + id + ": duration must be positive");
        }
        if (carersRequired < 1) {
            throw new IllegalArgumentException("visit " + id + ": carersRequired must be at least 1");
        }
        this.id = id;
        this.serviceUser = serviceUser;
        this.commissioner = commissioner;
        this.window = window;
        this.preferredStart = preferredStart;
        this.duration = duration;
        this.requiredSkills = List.copyOf(requiredSkills);
        this.carersRequired = carersRequired;
        this.priority = priority;
        this.date = date;
        this.dayIndex = dayIndex;
        this.weekIndex = weekIndex;
        this.pinnedCarers = Set.copyOf(pinnedCarers);
        this.publishedCarers = Set.copyOf(publishedCarers);
        this.demand = demand;
    }

    /**
     * Declares that this visit starts between {@code minGap} and {@code maxGap} ticks after {@code other} starts, by a
     * different carer. Called while building the problem, before solving.
     */
    public void dependOn(Visit other, long minGap, long maxGap) {
        this.dependsOn = other;
        this.minGap = minGap;
        this.maxGap = maxGap;
    }

    /** Whether this visit must start together with the visit it depends on (a 0/0 dependency). */
    public boolean isTogetherWithDependency() {
        return dependsOn != null && minGap == 0 && maxGap == 0;
    }

    public String getId() {
        return id;
    }

    public ServiceUser getServiceUser() {
        return serviceUser;
    }

    public Location getLocation() {
        return serviceUser.getLocation();
    }

    public @Nullable Commissioner getCommissioner() {
        return commissioner;
    }

    public TimeWindow getWindow() {
        return window;
    }

    public long getPreferredStart() {
        return preferredStart;
    }

    public long getDuration() {
        return duration;
    }

    public List<String> getRequiredSkills() {
        return requiredSkills;
    }

    public int getCarersRequired() {
        return carersRequired;
    }

    public Priority getPriority() {
        return priority;
    }

    public boolean isTimeCritical() {
        return priority == Priority.TIME_CRITICAL;
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

    public Set<String> getPinnedCarers() {
        return pinnedCarers;
    }

    public Set<String> getPublishedCarers() {
        return publishedCarers;
    }

    public long getDemand() {
        return demand;
    }

    /**
     * Whether the carer may not serve this visit: banned by the service user, or (re-planning) the carer of a started
     * visit it depends on, which must be served by someone else.
     */
    public boolean isBanned(String carerId) {
        return serviceUser.getBannedCarers().contains(carerId) || notBy.contains(carerId);
    }

    /** Carers who may not serve this visit besides the service user's bans (see {@link #isBanned}). */
    public Set<String> getNotBy() {
        return notBy;
    }

    /** Re-planning: the visit depends on a started visit of this carer, so another carer must serve it. */
    public void notBy(String carerId) {
        Set<String> carers = new java.util.HashSet<>(notBy);
        carers.add(carerId);
        this.notBy = Set.copyOf(carers);
    }

    public @Nullable Visit getDependsOn() {
        return dependsOn;
    }

    public long getMinGap() {
        return minGap;
    }

    public long getMaxGap() {
        return maxGap;
    }

    @Override
    public String toString() {
        return id;
    }
}
