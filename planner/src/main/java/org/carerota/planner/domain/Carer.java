package org.carerota.planner.domain;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.carerota.planner.travel.TravelMode;
import org.jspecify.annotations.Nullable;
import org.optaplanner.core.api.domain.lookup.PlanningId;

/** A carer (problem fact). Durations are in ticks. */
public final class Carer {

    /** The value of {@link #getContractedPerWeek()} and {@link #getMaxWorkingPerDay()} when none is given. */
    public static final long NONE = -1L;

    @PlanningId
    private final String id;

    private final @Nullable Pool pool;
    private final @Nullable Gender gender;
    private final Location home;
    private final TravelMode travelMode;
    private final Map<String, Skill> skills;
    private final long contractedPerWeek;
    private final long maxWorkingPerDay;
    private final @Nullable Pay pay;
    private long[] weeklyTargets = new long[0];

    public Carer(
            String id,
            @Nullable Pool pool,
            @Nullable Gender gender,
            Location home,
            TravelMode travelMode,
            List<Skill> skills,
            long contractedPerWeek,
            long maxWorkingPerDay,
            @Nullable Pay pay) {
        this.id = id;
        this.pool = pool;
        this.gender = gender;
        this.home = home;
        this.travelMode = travelMode;
        Map<String, Skill> byCode = new LinkedHashMap<>();
        for (Skill skill : skills) {
            byCode.merge(skill.code(), skill, (a, b) -> later(a, b));
        }
        this.skills = Map.copyOf(byCode);
        this.contractedPerWeek = contractedPerWeek;
        this.maxWorkingPerDay = maxWorkingPerDay;
        this.pay = pay;
    }

    private static Skill later(Skill a, Skill b) {
        if (a.validUntil() == null) {
            return a;
        }
        if (b.validUntil() == null) {
            return b;
        }
        return a.validUntil().isAfter(b.validUntil()) ? a : b;
    }

    /** Whether the carer holds the skill, in date on the given day. */
    public boolean holdsSkillOn(String code, LocalDate day) {
        Skill skill = skills.get(code);
        return skill != null && skill.isValidOn(day);
    }

    /** How many of the codes the carer does not hold in date on the day. */
    public int missingSkills(List<String> codes, LocalDate day) {
        int missing = 0;
        for (String code : codes) {
            if (!holdsSkillOn(code, day)) {
                missing++;
            }
        }
        return missing;
    }

    public String getId() {
        return id;
    }

    public @Nullable Pool getPool() {
        return pool;
    }

    public @Nullable Gender getGender() {
        return gender;
    }

    public Location getHome() {
        return home;
    }

    public TravelMode getTravelMode() {
        return travelMode;
    }

    public Map<String, Skill> getSkills() {
        return skills;
    }

    /**
     * Sets the contracted minutes expected in each week of the horizon (pro rata for weeks the horizon covers only in
     * part). Called while building the problem.
     */
    public void setWeeklyContractedTargets(long[] targets) {
        this.weeklyTargets = targets.clone();
    }

    /** Contracted minutes expected in a week of the horizon (the full weekly figure unless set pro rata). */
    public long contractedTarget(int week) {
        return week >= 0 && week < weeklyTargets.length ? weeklyTargets[week] : contractedPerWeek;
    }

    /** Contracted minutes per week, or {@link #NONE}. */
    public long getContractedPerWeek() {
        return contractedPerWeek;
    }

    /** The most ticks of work in a day, or {@link #NONE}. */
    public long getMaxWorkingPerDay() {
        return maxWorkingPerDay;
    }

    public @Nullable Pay getPay() {
        return pay;
    }

    @Override
    public String toString() {
        return id;
    }
}
