package org.carerota.planner.testdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.carerota.planner.domain.Commissioner;
import org.carerota.planner.domain.Gender;
import org.carerota.planner.domain.Location;
import org.carerota.planner.domain.Priority;
import org.carerota.planner.domain.ServiceUser;
import org.carerota.planner.domain.TimeWindow;
import org.carerota.planner.domain.Visit;
import org.carerota.planner.domain.VisitSlot;
import org.jspecify.annotations.Nullable;

/** Visit and service-user builders. By default a 30-minute visit to "sam" at Elm Street on Monday 08:00–09:00. */
public final class Visits {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Visits() {}

    public static Builder visit() {
        return new Builder();
    }

    public static Builder needing(String... skills) {
        return new Builder().skills(skills);
    }

    public static Builder at(Location location) {
        return new Builder()
                .forServiceUser(person("sam-" + location.id()).at(location).build());
    }

    public static PersonBuilder person(String id) {
        return new PersonBuilder(id);
    }

    /** Makes every slot of {@code dependent} start at least {@code minGap} (at most {@code maxGap}) after {@code first}. */
    public static void dependOn(List<VisitSlot> dependent, List<VisitSlot> first, long minGap, long maxGap) {
        dependent.get(0).getVisit().dependOn(first.get(0).getVisit(), minGap, maxGap);
        if (minGap == 0 && maxGap == 0) {
            List<VisitSlot> all = new ArrayList<>(first);
            all.addAll(dependent);
            VisitSlot.linkTogether(all);
            return;
        }
        for (VisitSlot a : first) {
            for (VisitSlot b : dependent) {
                VisitSlot.linkDependency(a, b);
            }
        }
    }

    /** A fluent visit builder. */
    public static final class Builder {
        private String id = "v" + SEQUENCE.incrementAndGet();
        private ServiceUser serviceUser = person("sam").build();
        private @Nullable Commissioner commissioner;
        private long windowStart = Places.monday(8, 0);
        private long windowEnd = Places.monday(9, 0);
        private @Nullable Long preferred;
        private long duration = 30;
        private final List<String> skills = new ArrayList<>();
        private int carers = 1;
        private Priority priority = Priority.NORMAL;
        private Set<String> pinned = Set.of();
        private Set<String> published = Set.of();
        private long demand;

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder forServiceUser(ServiceUser value) {
            this.serviceUser = value;
            return this;
        }

        public Builder commissioner(Commissioner value) {
            this.commissioner = value;
            return this;
        }

        public Builder skills(String... codes) {
            skills.addAll(Arrays.asList(codes));
            return this;
        }

        public Builder between(long start, long end) {
            this.windowStart = start;
            this.windowEnd = end;
            return this;
        }

        public Builder preferring(long start) {
            this.preferred = start;
            return this;
        }

        public Builder lasting(long minutes) {
            this.duration = minutes;
            return this;
        }

        public Builder carers(int count) {
            this.carers = count;
            return this;
        }

        public Builder priority(Priority value) {
            this.priority = value;
            return this;
        }

        public Builder timeCritical() {
            return priority(Priority.TIME_CRITICAL);
        }

        public Builder pinnedTo(String... carerIds) {
            this.pinned = Set.of(carerIds);
            return this;
        }

        public Builder publishedTo(String... carerIds) {
            this.published = Set.of(carerIds);
            return this;
        }

        public Builder demand(long value) {
            this.demand = value;
            return this;
        }

        public Visit build() {
            int day = (int) (windowStart / 1440);
            return new Visit(
                    id,
                    serviceUser,
                    commissioner,
                    new TimeWindow(windowStart, windowEnd),
                    preferred == null ? windowStart : preferred,
                    duration,
                    skills,
                    carers,
                    priority,
                    Places.MONDAY.plusDays(day),
                    day,
                    day / 7,
                    pinned,
                    published,
                    demand);
        }

        /** The visit's only slot. */
        public VisitSlot slot() {
            if (carers != 1) {
                throw new IllegalStateException("use slots() for a visit needing " + carers + " carers");
            }
            return new VisitSlot(build(), 0);
        }

        /** The visit's slots, linked to start together. */
        public List<VisitSlot> slots() {
            Visit visit = build();
            List<VisitSlot> slots = new ArrayList<>();
            for (int part = 0; part < carers; part++) {
                slots.add(new VisitSlot(visit, part));
            }
            VisitSlot.linkTogether(slots);
            return slots;
        }
    }

    /** A fluent service-user builder; by default at Elm Street with no preferences. */
    public static final class PersonBuilder {
        private final String id;
        private Location location = Places.ELM_STREET;
        private @Nullable Gender gender;
        private Set<String> preferred = Set.of();
        private Set<String> banned = Set.of();
        private Set<String> regular = Set.of();

        private PersonBuilder(String id) {
            this.id = id;
        }

        public PersonBuilder at(Location value) {
            this.location = value;
            return this;
        }

        public PersonBuilder prefersGender(Gender value) {
            this.gender = value;
            return this;
        }

        public PersonBuilder prefers(String... carerIds) {
            this.preferred = Set.of(carerIds);
            return this;
        }

        public PersonBuilder bans(String... carerIds) {
            this.banned = Set.of(carerIds);
            return this;
        }

        public PersonBuilder regularly(String... carerIds) {
            this.regular = Set.of(carerIds);
            return this;
        }

        public ServiceUser build() {
            return new ServiceUser(id, location, "Norwich", gender, preferred, banned, regular);
        }
    }
}
