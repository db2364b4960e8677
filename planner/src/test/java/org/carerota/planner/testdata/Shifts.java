package org.carerota.planner.testdata;

import java.util.ArrayList;
import java.util.List;

import org.carerota.planner.domain.Absence;
import org.carerota.planner.domain.Availability;
import org.carerota.planner.domain.Carer;
import org.carerota.planner.domain.CarerShift;
import org.carerota.planner.domain.Location;
import org.carerota.planner.domain.ShiftRules;
import org.carerota.planner.domain.StartedPart;

/** Shift builders. */
public final class Shifts {

    private Shifts() {}

    /** The carer on Monday, 07:00 to 22:00, from and to home. */
    public static CarerShift monday(Carer carer) {
        return on(carer, 0).build();
    }

    /** The carer on a day of the test week (0 = Monday), 07:00 to 22:00 unless changed. */
    public static Builder on(Carer carer, int day) {
        return new Builder(carer, day);
    }

    /** The problem's virtual unassigned shift. */
    public static CarerShift unassigned() {
        return CarerShift.unassigned(Places.MONDAY, Places.HOME, ShiftRules.CARE_DEFAULTS, Places.TRAVEL);
    }

    /** A fluent shift builder. */
    public static final class Builder {
        private final Carer carer;
        private final int day;
        private long start;
        private long end;
        private final List<Availability> availabilities = new ArrayList<>();
        private final List<Absence> absences = new ArrayList<>();
        private ShiftRules rules = ShiftRules.CARE_DEFAULTS;
        private long capacity = Long.MAX_VALUE;
        private long usageCost;
        private StartedPart started = StartedPart.NONE;
        private Location startedAt = Places.HOME;

        private Builder(Carer carer, int day) {
            this.carer = carer;
            this.day = day;
            this.start = Places.at(day, 7, 0);
            this.end = Places.at(day, 22, 0);
        }

        public Builder from(int hour, int minute) {
            this.start = Places.at(day, hour, minute);
            return this;
        }

        public Builder until(int hour, int minute) {
            this.end = Places.at(day, hour, minute);
            return this;
        }

        public Builder available(long from, long to) {
            availabilities.add(new Availability(from, to));
            return this;
        }

        public Builder absent(long from, long to) {
            absences.add(new Absence(from, to, "sickness"));
            return this;
        }

        public Builder rules(ShiftRules value) {
            this.rules = value;
            return this;
        }

        public Builder capacity(long value) {
            this.capacity = value;
            return this;
        }

        public Builder usageCost(long value) {
            this.usageCost = value;
            return this;
        }

        /**
         * Re-planning: the part of the day already worked, ending at {@code at}; the shift then starts there when it
         * ends, as the mapper does for a problem's {@code started} visits.
         */
        public Builder started(StartedPart value, Location at) {
            this.started = value;
            this.startedAt = at;
            return this;
        }

        public CarerShift build() {
            CarerShift shift = new CarerShift(
                    carer.getId() + "@" + day + "/" + start,
                    carer,
                    Places.MONDAY.plusDays(day),
                    day,
                    day / 7,
                    start,
                    end,
                    carer.getHome(),
                    carer.getHome(),
                    availabilities,
                    absences,
                    rules,
                    capacity,
                    usageCost,
                    Places.TRAVEL);
            if (!started.isEmpty()) {
                shift.setStarted(started);
                shift.moveStart(Math.max(start, started.lastEnd()), startedAt);
            }
            return shift;
        }
    }
}
