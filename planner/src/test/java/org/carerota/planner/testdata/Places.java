package org.carerota.planner.testdata;

import java.time.LocalDate;
import java.util.List;

import org.carerota.planner.domain.Location;
import org.carerota.planner.travel.PlanarTravel;
import org.carerota.planner.travel.TravelMatrix;

/**
 * A small planar map where travel takes one minute per unit, whatever the travel mode, and the fixed week of the
 * tests: Monday 2 March 2026 is tick 0 (ticks are minutes).
 */
public final class Places {

    public static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    public static final Location HOME = new Location(0, "home", 0, 0);
    /** 10 minutes from home. */
    public static final Location ELM_STREET = new Location(1, "elm", 10, 0);
    /** 20 minutes from home, 10 from Elm Street. */
    public static final Location OAK_ROAD = new Location(2, "oak", 20, 0);
    /** 30 minutes from home. */
    public static final Location ASH_LANE = new Location(3, "ash", 0, 30);
    /** A second carer's home, 5 minutes from home. */
    public static final Location OTHER_HOME = new Location(4, "home2", 0, 5);

    public static final List<Location> ALL = List.of(HOME, ELM_STREET, OAK_ROAD, ASH_LANE, OTHER_HOME);

    public static final TravelMatrix TRAVEL = TravelMatrix.precompute(
            new PlanarTravel(
                    ALL.stream().mapToDouble(Location::x).toArray(),
                    ALL.stream().mapToDouble(Location::y).toArray(),
                    1.0),
            1.0);

    private Places() {}

    /** Ticks of a time on a day of the test week (0 = Monday). */
    public static long at(int day, int hour, int minute) {
        return day * 1440L + hour * 60L + minute;
    }

    /** Ticks of a time on Monday. */
    public static long monday(int hour, int minute) {
        return at(0, hour, minute);
    }
}
