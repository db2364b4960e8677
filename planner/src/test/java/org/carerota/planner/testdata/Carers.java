package org.carerota.planner.testdata;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.carerota.planner.domain.Carer;
import org.carerota.planner.domain.Gender;
import org.carerota.planner.domain.Location;
import org.carerota.planner.domain.Pay;
import org.carerota.planner.domain.Pool;
import org.carerota.planner.domain.Skill;
import org.carerota.planner.travel.TravelMode;
import org.jspecify.annotations.Nullable;

/** Carer builders. */
public final class Carers {

    private Carers() {}

    /** A carer "amal" at {@link Places#HOME} holding the skills without expiry. */
    public static Carer withSkills(String... codes) {
        return named("amal").skills(codes).build();
    }

    public static Builder named(String id) {
        return new Builder(id);
    }

    /** A fluent carer builder. */
    public static final class Builder {
        private final String id;
        private final List<Skill> skills = new ArrayList<>();
        private @Nullable Pool pool;
        private @Nullable Gender gender;
        private Location home = Places.HOME;
        private long contracted = Carer.NONE;
        private long maxWorking = Carer.NONE;
        private @Nullable Pay pay;

        private Builder(String id) {
            this.id = id;
        }

        public Builder skills(String... codes) {
            for (String code : codes) {
                skills.add(new Skill(code, null));
            }
            return this;
        }

        public Builder skillUntil(String code, LocalDate validUntil) {
            skills.add(new Skill(code, validUntil));
            return this;
        }

        public Builder pool(Pool value) {
            this.pool = value;
            return this;
        }

        public Builder gender(Gender value) {
            this.gender = value;
            return this;
        }

        public Builder home(Location value) {
            this.home = value;
            return this;
        }

        public Builder contractedMinutesPerWeek(long minutes) {
            this.contracted = minutes;
            return this;
        }

        public Builder maxWorkingMinutesPerDay(long minutes) {
            this.maxWorking = minutes;
            return this;
        }

        public Builder pay(Pay value) {
            this.pay = value;
            return this;
        }

        public Carer build() {
            return new Carer(id, pool, gender, home, TravelMode.CAR, skills, contracted, maxWorking, pay);
        }
    }
}
