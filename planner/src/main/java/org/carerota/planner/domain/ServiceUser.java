package org.carerota.planner.domain;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.optaplanner.core.api.domain.lookup.PlanningId;

/** A person who receives care (problem fact). Carer references are carer ids. */
public final class ServiceUser {

    @PlanningId
    private final String id;

    private final Location location;
    private final @Nullable String area;
    private final @Nullable Gender genderPreference;
    private final Set<String> preferredCarers;
    private final Set<String> bannedCarers;
    private final Set<String> regularCarers;

    public ServiceUser(
            String id,
            Location location,
            @Nullable String area,
            @Nullable Gender genderPreference,
            Set<String> preferredCarers,
            Set<String> bannedCarers,
            Set<String> regularCarers) {
        this.id = id;
        this.location = location;
        this.area = area;
        this.genderPreference = genderPreference;
        this.preferredCarers = Set.copyOf(preferredCarers);
        this.bannedCarers = Set.copyOf(bannedCarers);
        this.regularCarers = Set.copyOf(regularCarers);
    }

    public String getId() {
        return id;
    }

    public Location getLocation() {
        return location;
    }

    public @Nullable String getArea() {
        return area;
    }

    public @Nullable Gender getGenderPreference() {
        return genderPreference;
    }

    public Set<String> getPreferredCarers() {
        return preferredCarers;
    }

    public Set<String> getBannedCarers() {
        return bannedCarers;
    }

    public Set<String> getRegularCarers() {
        return regularCarers;
    }

    @Override
    public String toString() {
        return id;
    }
}
