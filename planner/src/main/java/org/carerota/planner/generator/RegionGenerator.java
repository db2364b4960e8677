package org.carerota.planner.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.carerota.planner.io.CommissionerKind;
import org.carerota.planner.io.Gender;
import org.carerota.planner.io.PayModel;
import org.carerota.planner.io.Priority;
import org.carerota.planner.io.ProblemDocument;
import org.carerota.planner.io.ProblemDocument.Absence;
import org.carerota.planner.io.ProblemDocument.Carer;
import org.carerota.planner.io.ProblemDocument.CarerSkill;
import org.carerota.planner.io.ProblemDocument.Commissioner;
import org.carerota.planner.io.ProblemDocument.Dependency;
import org.carerota.planner.io.ProblemDocument.Location;
import org.carerota.planner.io.ProblemDocument.Pay;
import org.carerota.planner.io.ProblemDocument.Pool;
import org.carerota.planner.io.ProblemDocument.ServiceUser;
import org.carerota.planner.io.ProblemDocument.Shift;
import org.carerota.planner.io.ProblemDocument.Skill;
import org.carerota.planner.io.ProblemDocument.Visit;
import org.carerota.planner.io.Sector;
import org.carerota.planner.io.TravelMode;
import org.carerota.planner.io.TravelModel;
import org.jspecify.annotations.Nullable;

/**
 * Builds a deterministic synthetic region of Norfolk and Waveney as a {@link ProblemDocument}: the same size, seed,
 * start day and number of days always give an equal document (and so byte-identical JSON).
 *
 * <p>What it holds: service users clustered around real towns (areas are named after them, with some rural homes
 * further out); care packages of one to four visits a day in the morning (07:00–09:30), lunch (11:30–13:30), tea
 * (16:00–18:00) and bed (19:30–22:00) windows lasting 15 to 60 minutes; 12% of visits need two carers (hoist
 * transfers); medication visits of which a fifth are time-critical (start within 30 minutes of the prescribed time);
 * delegated clinical tasks (insulin, wound care, PEG feeding, catheter care) commissioned by the ICB, with a
 * wound-care visit depending on the morning visit; five staff pools (three social care providers, the council's
 * reablement team, NHS community nursing) with the commissioners they may serve; carers living near the towns, mostly
 * driving but walking, cycling or taking the bus in Norwich, Great Yarmouth and Lowestoft, on early, late, split and
 * long-day shifts (a quarter with a fixed day off), some absences, skills of which some expire, contracted hours and pay;
 * gender preferences, preferred, banned and regular carers (continuity history); straight-line travel.
 *
 * <p>A week repeats the same packages by weekday, with small day-to-day variation (a few visits move by 15 minutes or
 * change length by 5; a few lunch and tea visits run on weekdays only). Visit ids name the package visit and the day
 * ({@code V-000123-D1}); carers are {@code C-0042}, service users {@code SU-00017}.
 */
public final class RegionGenerator {

    /** The benchmark sizes of DESIGN.md: carers on the books and visits on a weekday. */
    public enum Size {
        S(30, 250),
        M(150, 1_500),
        L(1_000, 10_000);

        private final int carers;
        private final int visitsPerDay;

        Size(int carers, int visitsPerDay) {
            this.carers = carers;
            this.visitsPerDay = visitsPerDay;
        }

        public int carers() {
            return carers;
        }

        public int visitsPerDay() {
            return visitsPerDay;
        }
    }

    /** The longest horizon generated, in days. */
    public static final int MAX_DAYS = 7;

    /** Share of visits that need two carers. */
    static final double DOUBLE_UP_SHARE = 0.12;

    /** Carers living within this many km of a service user count as local to them. */
    static final double LOCAL_KM = 15.0;

    /** Default speeds written into every generated problem (km/h), the planner's documented defaults. */
    static final Map<String, Double> SPEEDS_KMH = speeds();

    static final String NCC = "NCC";
    static final String SCC = "SCC";
    static final String ICB = "ICB";
    static final String SELF = "SELF";
    static final String POOL_BROADLAND = "P-BROADLAND";
    static final String POOL_WEST = "P-WEST";
    static final String POOL_WAVENEY = "P-WAVENEY";
    static final String POOL_REABLEMENT = "P-REABLEMENT";
    static final String POOL_NURSING = "P-NURSING";

    static final String PERSONAL_CARE = "personal-care";
    static final String MEDICATION = "medication";
    static final String DEMENTIA = "dementia";
    static final String HOIST = "hoist";
    static final String CATHETER = "catheter-care";
    static final String PEG = "peg-feeding";
    static final String WOUND = "wound-care";
    static final String INSULIN = "insulin";
    static final String STOMA = "stoma-care";
    static final String END_OF_LIFE = "end-of-life";

    private static final String[] FEMALE_NAMES = {
        "Amal", "Beata", "Chloe", "Dorota", "Emma", "Fatima", "Grace", "Hannah", "Ioana", "Jade", "Kasia", "Leah",
        "Maria", "Nicole", "Olivia", "Priya", "Rachel", "Sophie", "Tendai", "Una", "Vicky", "Wendy", "Yasmin", "Zoe"
    };
    private static final String[] MALE_NAMES = {
        "Adam", "Ben", "Chidi", "Daniel", "Ed", "Florin", "George", "Harry", "Imran", "Jack", "Kwame", "Liam", "Marek",
        "Nathan", "Oscar", "Pawel", "Ravi", "Sam", "Tom", "Will"
    };
    private static final String[] OTHER_NAMES = {"Alex", "Charlie", "Jordan", "Robin", "Sky"};
    private static final String[] SURNAMES = {
        "Allen",
        "Baker",
        "Brown",
        "Clarke",
        "Davies",
        "Edwards",
        "Evans",
        "Fisher",
        "Green",
        "Hall",
        "Howes",
        "Jones",
        "King",
        "Knights",
        "Lake",
        "Moore",
        "Nelson",
        "Page",
        "Reeve",
        "Smith",
        "Thurston",
        "Ward",
        "Wright",
        "Youngs"
    };

    private final int carerCount;
    private final int visitsPerDay;
    private final long seed;
    private final LocalDate from;
    private final int days;
    private final String label;
    private final List<Town> towns;

    private RegionGenerator(int carerCount, int visitsPerDay, long seed, LocalDate from, int days, String label) {
        if (carerCount < 1 || visitsPerDay < 1) {
            throw new IllegalArgumentException("carers and visits per day must be at least 1");
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1 to " + MAX_DAYS + ", found " + days);
        }
        this.carerCount = carerCount;
        this.visitsPerDay = visitsPerDay;
        this.seed = seed;
        this.from = from;
        this.days = days;
        this.label = label;
        this.towns = townsFor(carerCount);
    }

    /** A region of one of the benchmark sizes, for {@code days} days (1 to 7) starting on {@code from}. */
    public static ProblemDocument generate(Size size, long seed, LocalDate from, int days) {
        return new RegionGenerator(size.carers(), size.visitsPerDay(), seed, from, days, size.name()).build();
    }

    /** A region with a chosen number of carers and of visits on a weekday. */
    public static ProblemDocument generate(int carers, int visitsPerDay, long seed, LocalDate from, int days) {
        return new RegionGenerator(carers, visitsPerDay, seed, from, days, carers + " carers").build();
    }

    // ---------------------------------------------------------------- build

    private ProblemDocument build() {
        List<Carer> carers = carers(new SplittableRandom(mix(seed, 1)));
        Packages packages = packages(new SplittableRandom(mix(seed, 2)), carers);
        carers = ensureEligible(carers, packages);
        List<Visit> visits = visits(new SplittableRandom(mix(seed, 3)), packages.templates());
        String name = String.format(
                Locale.ROOT,
                "Norfolk and Waveney %s, seed %d, %d day%s from %s",
                label,
                seed,
                days,
                days == 1 ? "" : "s",
                from);
        ProblemDocument.Settings settings = new ProblemDocument.Settings(
                from.isBefore(LocalDate.of(2026, 4, 1)) ? 12.21 : 12.71, 360.0, 20.0, 60.0, Map.of());
        return new ProblemDocument(
                ProblemDocument.SCHEMA_VERSION,
                name,
                ProblemDocument.DEFAULT_TIMEZONE,
                new ProblemDocument.Horizon(from, from.plusDays(days - 1L)),
                settings,
                skills(),
                commissioners(),
                pools(),
                carers,
                packages.serviceUsers(),
                visits,
                null,
                new ProblemDocument.Travel(
                        TravelModel.STRAIGHT_LINE,
                        ProblemDocument.Travel.DEFAULT_DETOUR_FACTOR,
                        SPEEDS_KMH,
                        null,
                        List.of(),
                        List.of(),
                        null));
    }

    private static Map<String, Double> speeds() {
        Map<String, Double> speeds = new LinkedHashMap<>();
        speeds.put(TravelMode.WALK.name(), 4.8);
        speeds.put(TravelMode.BICYCLE.name(), 15.0);
        speeds.put(TravelMode.CAR.name(), 30.0);
        speeds.put(TravelMode.PUBLIC_TRANSPORT.name(), 15.0);
        return Collections.unmodifiableMap(speeds);
    }

    static List<Skill> skills() {
        return List.of(
                new Skill(PERSONAL_CARE, "Personal care", "PERSONAL_CARE"),
                new Skill(DEMENTIA, "Dementia care", "PERSONAL_CARE"),
                new Skill(END_OF_LIFE, "End-of-life care", "PERSONAL_CARE"),
                new Skill(MEDICATION, "Medication administration", "MEDICATION"),
                new Skill(HOIST, "Hoist transfers", "MOVING_AND_HANDLING"),
                new Skill(CATHETER, "Catheter care", "DELEGATED_CLINICAL"),
                new Skill(STOMA, "Stoma care", "DELEGATED_CLINICAL"),
                new Skill(PEG, "PEG feeding", "DELEGATED_CLINICAL"),
                new Skill(WOUND, "Wound care", "DELEGATED_CLINICAL"),
                new Skill(INSULIN, "Insulin administration", "DELEGATED_CLINICAL"));
    }

    static List<Commissioner> commissioners() {
        return List.of(
                new Commissioner(NCC, "Norfolk County Council", CommissionerKind.COUNCIL),
                new Commissioner(SCC, "Suffolk County Council (Waveney)", CommissionerKind.COUNCIL),
                new Commissioner(ICB, "NHS Norfolk and Waveney ICB", CommissionerKind.ICB),
                new Commissioner(SELF, "Self-funded", CommissionerKind.SELF_FUNDED));
    }

    static List<Pool> pools() {
        return List.of(
                new Pool(POOL_BROADLAND, "Broadland Home Care", Sector.SOCIAL_CARE, List.of(NCC, ICB, SELF), null),
                new Pool(POOL_WEST, "West Norfolk Homecare", Sector.SOCIAL_CARE, List.of(NCC, ICB, SELF), null),
                new Pool(POOL_WAVENEY, "Waveney Care at Home", Sector.SOCIAL_CARE, List.of(SCC, ICB, SELF), null),
                new Pool(
                        POOL_REABLEMENT,
                        "Norfolk First Support (council reablement)",
                        Sector.SOCIAL_CARE,
                        List.of(NCC),
                        6.0),
                new Pool(POOL_NURSING, "Community nursing (NHS)", Sector.HEALTH, List.of(ICB, NCC, SCC), 12.0));
    }

    /** Which pools may serve a commissioner, as {@link #pools()} says. */
    private static boolean mayServe(String pool, String commissioner) {
        for (Pool p : pools()) {
            if (p.id().equals(pool)) {
                return p.mayServe(commissioner);
            }
        }
        return false;
    }

    /** The largest towns such that each gets at least two carers (all towns for big regions). */
    static List<Town> townsFor(int carers) {
        List<Town> sorted = new ArrayList<>(Town.NORFOLK_AND_WAVENEY);
        sorted.sort(Comparator.comparingDouble(Town::weight).reversed());
        int count = 1;
        for (int k = 2; k <= sorted.size(); k++) {
            double total = 0;
            for (int i = 0; i < k; i++) {
                total += sorted.get(i).weight();
            }
            if (carers * sorted.get(k - 1).weight() / total >= 2.0) {
                count = k;
            }
        }
        return List.copyOf(sorted.subList(0, count));
    }

    // ---------------------------------------------------------------- carers

    private enum ShiftType {
        EARLY(LocalTime.of(7, 0), LocalTime.of(15, 0), null, null),
        LATE(LocalTime.of(14, 0), LocalTime.of(22, 30), null, null),
        SPLIT(LocalTime.of(7, 0), LocalTime.of(12, 0), LocalTime.of(16, 0), LocalTime.of(22, 30)),
        LONG_DAY(LocalTime.of(7, 0), LocalTime.of(19, 30), null, null);

        final LocalTime start;
        final LocalTime end;
        final @Nullable LocalTime secondStart;
        final @Nullable LocalTime secondEnd;

        ShiftType(LocalTime start, LocalTime end, @Nullable LocalTime secondStart, @Nullable LocalTime secondEnd) {
            this.start = start;
            this.end = end;
            this.secondStart = secondStart;
            this.secondEnd = secondEnd;
        }

        int minutes() {
            int minutes = minutesBetween(start, end);
            if (secondStart != null && secondEnd != null) {
                minutes += minutesBetween(secondStart, secondEnd);
            }
            return minutes;
        }
    }

    private List<Carer> carers(SplittableRandom random) {
        int[] perTown = allocate(carerCount, towns);
        List<Carer> carers = new ArrayList<>(carerCount);
        int number = 0;
        for (int t = 0; t < towns.size(); t++) {
            Town town = towns.get(t);
            List<String> pools = poolsOf(town, perTown[t]);
            for (int k = 0; k < perTown[t]; k++) {
                number++;
                carers.add(carer(random, number, town, pools.get(k)));
            }
        }
        return carers;
    }

    /**
     * The pools of a town's carers, by quota rather than by chance so that small regions keep their mix: about 12%
     * NHS community nurses (one in any town of four carers or more), about 10% council reablement in Norfolk towns of
     * five carers or more, the rest the local social care provider.
     */
    static List<String> poolsOf(Town town, int carers) {
        int nurses = Math.max(carers >= 4 ? 1 : 0, (int) Math.round(carers * 0.12));
        int reablement = !town.waveney() && carers >= 5 ? Math.max(1, (int) Math.round(carers * 0.10)) : 0;
        String provider = town.waveney() ? POOL_WAVENEY : town.west() ? POOL_WEST : POOL_BROADLAND;
        List<String> pools = new ArrayList<>(carers);
        for (int k = 0; k < carers; k++) {
            pools.add(k < nurses ? POOL_NURSING : k < nurses + reablement ? POOL_REABLEMENT : provider);
        }
        return pools;
    }

    private Carer carer(SplittableRandom random, int number, Town town, String pool) {
        String id = String.format(Locale.ROOT, "C-%04d", number);
        boolean nurse = pool.equals(POOL_NURSING);
        double genderDraw = random.nextDouble();
        Gender gender = genderDraw < 0.82 ? Gender.F : genderDraw < 0.98 ? Gender.M : Gender.X;
        String[] names = gender == Gender.F ? FEMALE_NAMES : gender == Gender.M ? MALE_NAMES : OTHER_NAMES;
        String name = names[random.nextInt(names.length)] + " " + SURNAMES[random.nextInt(SURNAMES.length)];
        Location home = near(random, town, town.radiusKm() * 1.3);
        TravelMode mode = TravelMode.CAR;
        double modeDraw = random.nextDouble();
        if (!nurse && town.urban()) {
            mode = modeDraw < 0.82
                    ? TravelMode.CAR
                    : modeDraw < 0.87
                            ? TravelMode.WALK
                            : modeDraw < 0.93 ? TravelMode.BICYCLE : TravelMode.PUBLIC_TRANSPORT;
        } else if (!nurse && modeDraw < 0.05) {
            mode = TravelMode.BICYCLE;
        }
        List<CarerSkill> skills = carerSkills(random, pool);
        ShiftType type = shiftType(random, nurse);
        // A quarter of carers have a fixed day off; the others are available every day (and contracted for fewer).
        DayOfWeek dayOff = DayOfWeek.of(1 + random.nextInt(7));
        boolean hasDayOff = random.nextDouble() < 0.25;
        List<Shift> shifts = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate day = from.plusDays(d);
            if (hasDayOff && day.getDayOfWeek() == dayOff) {
                continue;
            }
            shifts.add(new Shift(day.atTime(type.start), day.atTime(type.end)));
            if (type.secondStart != null && type.secondEnd != null) {
                shifts.add(new Shift(day.atTime(type.secondStart), day.atTime(type.secondEnd)));
            }
        }
        List<Absence> absences = absences(random);
        double contracted = Math.round(5 * type.minutes() * (0.8 + 0.2 * random.nextDouble()) / 30.0) * 30.0;
        // Split shifts need no separate daily maximum: their two parts already total ten hours, and a working span
        // from the first visit to the last would count the unpaid gap between them.
        Double maxPerDay = type == ShiftType.SPLIT ? null : type == ShiftType.LONG_DAY ? 720.0 : 600.0;
        Pay pay = pay(random, nurse);
        return new Carer(
                id, name, pool, gender, home, mode, skills, shifts, absences, contracted, maxPerDay, pay, null);
    }

    private ShiftType shiftType(SplittableRandom random, boolean nurse) {
        double draw = random.nextDouble();
        if (nurse) {
            return draw < 0.5 ? ShiftType.EARLY : draw < 0.85 ? ShiftType.LATE : ShiftType.LONG_DAY;
        }
        return draw < 0.30
                ? ShiftType.EARLY
                : draw < 0.60 ? ShiftType.LATE : draw < 0.85 ? ShiftType.SPLIT : ShiftType.LONG_DAY;
    }

    private List<CarerSkill> carerSkills(SplittableRandom random, String pool) {
        Map<String, Double> chances = new LinkedHashMap<>();
        chances.put(PERSONAL_CARE, 1.0);
        switch (pool) {
            case POOL_NURSING -> {
                chances.put(MEDICATION, 1.0);
                chances.put(INSULIN, 0.9);
                chances.put(WOUND, 0.9);
                chances.put(CATHETER, 0.8);
                chances.put(PEG, 0.6);
                chances.put(STOMA, 0.6);
                chances.put(HOIST, 0.5);
                chances.put(DEMENTIA, 0.4);
                chances.put(END_OF_LIFE, 0.5);
            }
            case POOL_REABLEMENT -> {
                chances.put(MEDICATION, 0.9);
                chances.put(HOIST, 0.6);
                chances.put(DEMENTIA, 0.4);
                chances.put(CATHETER, 0.2);
            }
            default -> {
                chances.put(MEDICATION, 0.85);
                chances.put(DEMENTIA, 0.5);
                chances.put(HOIST, 0.6);
                chances.put(CATHETER, 0.25);
                chances.put(STOMA, 0.15);
                chances.put(PEG, 0.12);
                chances.put(END_OF_LIFE, 0.15);
            }
        }
        List<CarerSkill> skills = new ArrayList<>();
        for (Map.Entry<String, Double> chance : chances.entrySet()) {
            if (random.nextDouble() >= chance.getValue()) {
                continue;
            }
            LocalDate validUntil = null;
            if (!chance.getKey().equals(PERSONAL_CARE) && random.nextDouble() < 0.15) {
                validUntil = random.nextDouble() < 0.2
                        ? from.plusDays(random.nextInt(-20, days + 3))
                        : from.plusDays(random.nextInt(30, 400));
            }
            skills.add(new CarerSkill(chance.getKey(), validUntil));
        }
        return skills;
    }

    private List<Absence> absences(SplittableRandom random) {
        double draw = random.nextDouble();
        LocalDate day = from.plusDays(random.nextInt(days));
        if (draw < 0.03) {
            return List.of(new Absence(day.atStartOfDay(), day.plusDays(1).atStartOfDay(), "sickness"));
        }
        if (draw < 0.05) {
            int length = 2 + random.nextInt(2);
            return List.of(new Absence(day.atStartOfDay(), day.plusDays(length).atStartOfDay(), "annual leave"));
        }
        if (draw < 0.08) {
            return List.of(new Absence(day.atTime(9, 30), day.atTime(12, 30), "training"));
        }
        return List.of();
    }

    private static Pay pay(SplittableRandom random, boolean nurse) {
        if (nurse) {
            return new Pay(PayModel.HOURLY, pounds(15.50 + 3.5 * random.nextDouble()));
        }
        double draw = random.nextDouble();
        if (draw < 0.75) {
            return new Pay(PayModel.HOURLY, pounds(12.60 + 1.2 * random.nextDouble()));
        }
        if (draw < 0.90) {
            return new Pay(PayModel.PER_CONTACT_HOUR, pounds(19.0 + 3.0 * random.nextDouble()));
        }
        return new Pay(PayModel.PER_VISIT, pounds(12.0 + 2.0 * random.nextDouble()));
    }

    // ---------------------------------------------------------------- packages

    private enum Slot {
        MORNING(LocalTime.of(7, 0), LocalTime.of(9, 30), new int[] {30, 45, 60}, new double[] {0.5, 0.4, 0.1}),
        LUNCH(LocalTime.of(11, 30), LocalTime.of(13, 30), new int[] {15, 20, 30}, new double[] {0.35, 0.25, 0.4}),
        TEA(LocalTime.of(16, 0), LocalTime.of(18, 0), new int[] {15, 20, 30}, new double[] {0.35, 0.25, 0.4}),
        BED(LocalTime.of(19, 30), LocalTime.of(22, 0), new int[] {20, 30, 45}, new double[] {0.35, 0.55, 0.1});

        final LocalTime start;
        final LocalTime end;
        final int[] durations;
        final double[] chances;

        Slot(LocalTime start, LocalTime end, int[] durations, double[] chances) {
            this.start = start;
            this.end = end;
            this.durations = durations;
            this.chances = chances;
        }
    }

    /** One visit of a care package, repeated daily. */
    private static final class Template {
        final int number;
        final int client;
        final Slot slot;
        LocalTime windowStart;
        LocalTime windowEnd;
        LocalTime preferred;
        int duration;
        final List<String> skills = new ArrayList<>();
        int carersRequired = 1;
        Priority priority = Priority.NORMAL;
        final String commissioner;

        @Nullable
        Template dependsOn;

        boolean weekdaysOnly;

        Template(int number, int client, Slot slot, String commissioner) {
            this.number = number;
            this.client = client;
            this.slot = slot;
            this.commissioner = commissioner;
            this.windowStart = slot.start;
            this.windowEnd = slot.end;
            this.preferred = slot.start;
        }
    }

    private record Packages(List<ServiceUser> serviceUsers, List<Template> templates) {}

    private enum Need {
        NONE,
        INSULIN,
        WOUND,
        PEG,
        CATHETER
    }

    private Packages packages(SplittableRandom random, List<Carer> carers) {
        List<ServiceUser> users = new ArrayList<>();
        List<Template> templates = new ArrayList<>();
        Map<String, String> carerTowns = new LinkedHashMap<>();
        for (Carer carer : carers) {
            carerTowns.put(carer.id(), areaOf(carer));
        }
        List<List<Template>> byClient = new ArrayList<>();
        while (templates.size() < visitsPerDay) {
            int client = users.size();
            Town town = pickTown(random);
            boolean rural = random.nextDouble() < 0.15;
            Location location = near(random, town, rural ? town.radiusKm() + 4.0 : town.radiusKm());
            int remaining = visitsPerDay - templates.size();
            int size = Math.min(remaining, packageSize(random));
            double needDraw = random.nextDouble();
            Need need = needDraw < 0.03
                    ? Need.INSULIN
                    : needDraw < 0.07
                            ? Need.WOUND
                            : needDraw < 0.09 ? Need.PEG : needDraw < 0.14 ? Need.CATHETER : Need.NONE;
            if ((need == Need.INSULIN || need == Need.WOUND || need == Need.PEG) && size < 2) {
                need = Need.NONE;
            }
            String commissioner;
            if (need == Need.INSULIN || need == Need.WOUND || need == Need.PEG) {
                commissioner = ICB;
            } else {
                double draw = random.nextDouble();
                commissioner = draw < 0.62 ? (town.waveney() ? SCC : NCC) : draw < 0.72 ? ICB : SELF;
            }
            List<Slot> slots = slots(random, size, need);
            boolean dementia = random.nextDouble() < 0.12;
            boolean high = random.nextDouble() < 0.10;
            List<Template> mine = new ArrayList<>();
            for (Slot slot : slots) {
                Template template = new Template(templates.size() + 1, client, slot, commissioner);
                shape(random, template, need, dementia, high);
                templates.add(template);
                mine.add(template);
            }
            if (need == Need.WOUND) {
                Template morning = find(mine, Slot.MORNING);
                Template wound = find(mine, Slot.LUNCH);
                if (morning != null && wound != null) {
                    wound.dependsOn = morning;
                }
            }
            byClient.add(mine);
            users.add(serviceUser(random, client, town, location, commissioner, carers, carerTowns));
        }
        assignDoubleUps(random, byClient, templates.size());
        return new Packages(users, templates);
    }

    private static @Nullable Template find(List<Template> templates, Slot slot) {
        for (Template template : templates) {
            if (template.slot == slot) {
                return template;
            }
        }
        return null;
    }

    private static int packageSize(SplittableRandom random) {
        double draw = random.nextDouble();
        return draw < 0.2 ? 1 : draw < 0.5 ? 2 : draw < 0.75 ? 3 : 4;
    }

    private static List<Slot> slots(SplittableRandom random, int size, Need need) {
        if (need == Need.INSULIN) {
            return size >= 4 ? List.of(Slot.values()) : List.of(Slot.MORNING, Slot.TEA);
        }
        if (need == Need.WOUND || need == Need.PEG) {
            return switch (size) {
                case 2 -> List.of(Slot.MORNING, Slot.LUNCH);
                case 3 -> List.of(Slot.MORNING, Slot.LUNCH, Slot.BED);
                default -> List.of(Slot.values());
            };
        }
        double draw = random.nextDouble();
        return switch (size) {
            case 1 -> List.of(draw < 0.6 ? Slot.MORNING : draw < 0.85 ? Slot.LUNCH : Slot.TEA);
            case 2 ->
                draw < 0.5
                        ? List.of(Slot.MORNING, Slot.BED)
                        : draw < 0.85 ? List.of(Slot.MORNING, Slot.TEA) : List.of(Slot.MORNING, Slot.LUNCH);
            case 3 ->
                draw < 0.55 ? List.of(Slot.MORNING, Slot.LUNCH, Slot.BED) : List.of(Slot.MORNING, Slot.LUNCH, Slot.TEA);
            default -> List.of(Slot.values());
        };
    }

    /** Window, duration, skills and priority of one package visit. */
    private static void shape(SplittableRandom random, Template template, Need need, boolean dementia, boolean high) {
        Slot slot = template.slot;
        template.duration = pick(random, slot.durations, slot.chances);
        int steps = minutesBetween(slot.start, slot.end) / 15 - 2;
        if (slot == Slot.BED) {
            steps -= 1;
        }
        template.preferred = slot.start.plusMinutes(15L * random.nextInt(steps + 1));
        boolean clinicalOnly = false;
        if (need == Need.INSULIN && (slot == Slot.MORNING || slot == Slot.TEA)) {
            template.skills.add(INSULIN);
            template.duration = random.nextDouble() < 0.6 ? 15 : 20;
            template.priority = Priority.TIME_CRITICAL;
            clinicalOnly = true;
        } else if (need == Need.WOUND && slot == Slot.LUNCH) {
            template.skills.add(WOUND);
            template.duration = pick(random, new int[] {20, 30, 45}, new double[] {0.3, 0.5, 0.2});
            template.windowStart = LocalTime.of(9, 30);
            template.windowEnd = LocalTime.of(15, 0);
            template.preferred = LocalTime.of(10 + random.nextInt(4), 0);
            clinicalOnly = true;
        }
        if (!clinicalOnly) {
            template.skills.add(PERSONAL_CARE);
            double medicationChance =
                    switch (slot) {
                        case MORNING -> 0.65;
                        case LUNCH, TEA -> 0.45;
                        case BED -> 0.35;
                    };
            if (random.nextDouble() < medicationChance) {
                template.skills.add(MEDICATION);
                if (random.nextDouble() < 0.2) {
                    template.priority = Priority.TIME_CRITICAL;
                }
            }
            if (need == Need.PEG && (slot == Slot.LUNCH || slot == Slot.TEA)) {
                template.skills.add(PEG);
            }
            if (need == Need.CATHETER && (slot == Slot.MORNING || slot == Slot.BED)) {
                template.skills.add(CATHETER);
            }
            if (dementia) {
                template.skills.add(DEMENTIA);
            }
            if (template.priority != Priority.TIME_CRITICAL) {
                if (high) {
                    template.priority = Priority.HIGH;
                } else if ((slot == Slot.LUNCH || slot == Slot.TEA) && random.nextDouble() < 0.08) {
                    template.priority = Priority.LOW;
                    template.weekdaysOnly = random.nextDouble() < 0.4;
                }
            }
        }
        if (template.priority == Priority.TIME_CRITICAL) {
            template.windowStart = later(slot.start, template.preferred.minusMinutes(30));
            template.windowEnd = earlier(slot.end, template.preferred.plusMinutes(30));
        } else if (!clinicalOnly && random.nextDouble() < 0.45) {
            template.windowStart = later(slot.start, template.preferred.minusMinutes(30));
            template.windowEnd = earlier(slot.end, template.preferred.plusMinutes(45));
        }
    }

    /** Makes the morning and bed visits of hoist users double-ups until about 12% of visits need two carers. */
    private static void assignDoubleUps(SplittableRandom random, List<List<Template>> byClient, int total) {
        int target = (int) Math.round(total * DOUBLE_UP_SHARE);
        int[] order = shuffled(random, byClient.size());
        int doubles = 0;
        for (int client : order) {
            if (doubles >= target) {
                break;
            }
            List<Template> candidates = new ArrayList<>();
            for (Template template : byClient.get(client)) {
                boolean transfer = template.slot == Slot.MORNING || template.slot == Slot.BED;
                if (transfer && template.skills.contains(PERSONAL_CARE) && template.dependsOn == null) {
                    candidates.add(template);
                }
            }
            if (candidates.isEmpty() || doubles + candidates.size() > target + 1) {
                continue;
            }
            for (Template template : candidates) {
                template.carersRequired = 2;
                template.skills.add(HOIST);
                if (template.slot == Slot.MORNING) {
                    template.duration = Math.max(template.duration, 45);
                }
                doubles++;
            }
        }
    }

    private ServiceUser serviceUser(
            SplittableRandom random,
            int client,
            Town town,
            Location location,
            String commissioner,
            List<Carer> carers,
            Map<String, String> carerTowns) {
        String id = String.format(Locale.ROOT, "SU-%05d", client + 1);
        double genderDraw = random.nextDouble();
        Gender preference = genderDraw < 0.15 ? Gender.F : genderDraw < 0.18 ? Gender.M : null;
        String title = random.nextDouble() < 0.62 ? "Mrs" : "Mr";
        String name = title + " " + SURNAMES[random.nextInt(SURNAMES.length)];
        List<Carer> local = new ArrayList<>();
        for (Carer carer : carers) {
            if (town.name().equals(carerTowns.get(carer.id()))
                    && carer.pool() != null
                    && mayServe(carer.pool(), commissioner)
                    && (preference == null || carer.gender() == preference)) {
                local.add(carer);
            }
        }
        List<String> regular = new ArrayList<>();
        if (!local.isEmpty() && random.nextDouble() < 0.75) {
            int wanted = 1 + random.nextInt(3);
            for (int index : shuffled(random, local.size())) {
                if (regular.size() >= wanted) {
                    break;
                }
                regular.add(local.get(index).id());
            }
        }
        List<String> preferred = !regular.isEmpty() && random.nextDouble() < 0.3 ? List.of(regular.get(0)) : List.of();
        List<String> banned = new ArrayList<>();
        if (random.nextDouble() < 0.04) {
            Carer candidate = carers.get(random.nextInt(carers.size()));
            if (!regular.contains(candidate.id())) {
                banned.add(candidate.id());
            }
        }
        return new ServiceUser(id, name, location, town.name(), preference, preferred, banned, regular);
    }

    /** The town a carer lives in: the nearest used town to their home. */
    private String areaOf(Carer carer) {
        Town nearest = towns.get(0);
        double best = Double.MAX_VALUE;
        for (Town town : towns) {
            double dLat = town.lat() - carer.home().lat();
            double dLon = (town.lon() - carer.home().lon()) * Math.cos(Math.toRadians(town.lat()));
            double d = dLat * dLat + dLon * dLon;
            if (d < best) {
                best = d;
                nearest = town;
            }
        }
        return nearest.name();
    }

    /**
     * Makes sure every package visit has, on every day, at least one carer more than it needs living within {@link
     * #LOCAL_KM} km who holds its skills in date and whose pool may serve its commissioner: the nearest such carers
     * are trained (given the missing skills without expiry). A region is meant to be plannable; the skill gaps the solver faces come from absences,
     * shifts and travel, not from a visit nobody could ever do.
     */
    private List<Carer> ensureEligible(List<Carer> carers, Packages packages) {
        List<Carer> result = new ArrayList<>(carers);
        Map<String, Template> needs = new LinkedHashMap<>();
        Map<String, Integer> required = new LinkedHashMap<>();
        for (Template template : packages.templates()) {
            List<String> skills = new ArrayList<>(template.skills);
            Collections.sort(skills);
            ServiceUser user = packages.serviceUsers().get(template.client);
            String key = user.area() + "|" + template.commissioner + "|" + String.join(",", skills);
            needs.putIfAbsent(key, template);
            required.merge(key, template.carersRequired + 1, Math::max);
        }
        for (Map.Entry<String, Template> need : needs.entrySet()) {
            Template template = need.getValue();
            int wanted = required.get(need.getKey());
            Location at = packages.serviceUsers().get(template.client).location();
            double[] km = new double[result.size()];
            for (int i = 0; i < km.length; i++) {
                km[i] = kmBetween(result.get(i).home(), at);
            }
            Integer @Nullable [] nearest = null;
            for (int d = 0; d < days; d++) {
                LocalDate day = from.plusDays(d);
                int eligible = 0;
                for (int i = 0; i < km.length; i++) {
                    if (km[i] <= LOCAL_KM && eligible(result.get(i), template, day)) {
                        eligible++;
                    }
                }
                if (eligible >= wanted) {
                    continue;
                }
                if (nearest == null) {
                    nearest = new Integer[km.length];
                    for (int i = 0; i < km.length; i++) {
                        nearest[i] = i;
                    }
                    Arrays.sort(
                            nearest,
                            Comparator.comparingDouble((Integer i) -> km[i]).thenComparing(i -> i));
                }
                for (Integer i : nearest) {
                    if (eligible >= wanted) {
                        break;
                    }
                    Carer carer = result.get(i);
                    if (carer.pool() != null
                            && mayServe(carer.pool(), template.commissioner)
                            && !eligible(carer, template, day)) {
                        result.set(i, trained(carer, template.skills));
                        eligible++;
                    }
                }
            }
        }
        return result;
    }

    private static boolean eligible(Carer carer, Template template, LocalDate day) {
        if (carer.pool() == null || !mayServe(carer.pool(), template.commissioner)) {
            return false;
        }
        for (String skill : template.skills) {
            if (!carer.holdsSkillOn(skill, day)) {
                return false;
            }
        }
        return true;
    }

    private static Carer trained(Carer carer, List<String> skills) {
        List<CarerSkill> held = new ArrayList<>();
        for (CarerSkill skill : carer.skills()) {
            held.add(skills.contains(skill.code()) ? new CarerSkill(skill.code(), null) : skill);
        }
        for (String skill : skills) {
            if (held.stream().noneMatch(h -> h.code().equals(skill))) {
                held.add(new CarerSkill(skill, null));
            }
        }
        return new Carer(
                carer.id(),
                carer.name(),
                carer.pool(),
                carer.gender(),
                carer.home(),
                carer.travelMode(),
                held,
                carer.shifts(),
                carer.absences(),
                carer.contractedMinutesPerWeek(),
                carer.maxWorkingMinutesPerDay(),
                carer.pay(),
                carer.capacity());
    }

    /** Approximate distance in km (equirectangular; fine within a county). */
    static double kmBetween(Location a, Location b) {
        double dLat = (a.lat() - b.lat()) * 111.2;
        double dLon = (a.lon() - b.lon()) * 111.32 * Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
        return Math.sqrt(dLat * dLat + dLon * dLon);
    }

    // ---------------------------------------------------------------- visits

    private List<Visit> visits(SplittableRandom random, List<Template> templates) {
        List<Visit> visits = new ArrayList<>(templates.size() * days);
        for (int d = 0; d < days; d++) {
            LocalDate day = from.plusDays(d);
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            for (Template template : templates) {
                double moveDraw = random.nextDouble();
                double lengthDraw = random.nextDouble();
                if (template.weekdaysOnly && weekend) {
                    continue;
                }
                LocalTime preferred = template.preferred;
                LocalTime windowStart = template.windowStart;
                LocalTime windowEnd = template.windowEnd;
                int duration = template.duration;
                if (d > 0 && moveDraw < 0.04 && template.dependsOn == null) {
                    long shift = moveDraw < 0.02 ? -15 : 15;
                    LocalTime moved = preferred.plusMinutes(shift);
                    if (!moved.isBefore(windowStart) && !moved.isAfter(windowEnd)) {
                        preferred = moved;
                    }
                }
                if (d > 0 && lengthDraw < 0.03) {
                    duration = Math.min(60, Math.max(15, duration + (lengthDraw < 0.015 ? -5 : 5)));
                }
                Dependency dependency =
                        template.dependsOn == null ? null : new Dependency(visitId(template.dependsOn, d), 60.0, 360.0);
                visits.add(new Visit(
                        visitId(template, d),
                        String.format(Locale.ROOT, "SU-%05d", template.client + 1),
                        template.commissioner,
                        at(day, windowStart),
                        at(day, windowEnd),
                        at(day, preferred),
                        (double) duration,
                        List.copyOf(template.skills),
                        template.carersRequired,
                        dependency,
                        template.priority,
                        List.of(),
                        null));
            }
        }
        return visits;
    }

    private static String visitId(Template template, int dayIndex) {
        return String.format(Locale.ROOT, "V-%06d-D%d", template.number, dayIndex + 1);
    }

    private static LocalDateTime at(LocalDate day, LocalTime time) {
        return day.atTime(time);
    }

    // ---------------------------------------------------------------- helpers

    private Town pickTown(SplittableRandom random) {
        double total = 0;
        for (Town town : towns) {
            total += town.weight();
        }
        double draw = random.nextDouble() * total;
        for (Town town : towns) {
            draw -= town.weight();
            if (draw < 0) {
                return town;
            }
        }
        return towns.get(towns.size() - 1);
    }

    /** Splits {@code n} over the towns in proportion to their weights (largest remainder). */
    static int[] allocate(int n, List<Town> towns) {
        double total = 0;
        for (Town town : towns) {
            total += town.weight();
        }
        int[] counts = new int[towns.size()];
        double[] remainders = new double[towns.size()];
        int given = 0;
        for (int i = 0; i < towns.size(); i++) {
            double exact = n * towns.get(i).weight() / total;
            counts[i] = (int) Math.floor(exact);
            remainders[i] = exact - counts[i];
            given += counts[i];
        }
        while (given < n) {
            int best = 0;
            for (int i = 1; i < towns.size(); i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            counts[best]++;
            remainders[best] = -1;
            given++;
        }
        return counts;
    }

    /** A point around a town, normally distributed with the given spread in km; rounded to 5 decimals (~1 m). */
    private static Location near(SplittableRandom random, Town town, double sigmaKm) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        double radius = Math.sqrt(-2.0 * Math.log(u1));
        double north = radius * Math.cos(2 * Math.PI * u2) * sigmaKm;
        double east = radius * Math.sin(2 * Math.PI * u2) * sigmaKm;
        double lat = town.lat() + north / 111.2;
        double lon = town.lon() + east / (111.32 * Math.cos(Math.toRadians(town.lat())));
        return Location.ofLatLon(round(lat, 5), round(lon, 5));
    }

    private static int pick(SplittableRandom random, int[] values, double[] chances) {
        double draw = random.nextDouble();
        for (int i = 0; i < values.length; i++) {
            draw -= chances[i];
            if (draw < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static int[] shuffled(SplittableRandom random, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private static LocalTime later(LocalTime a, LocalTime b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalTime earlier(LocalTime a, LocalTime b) {
        return a.isBefore(b) ? a : b;
    }

    private static int minutesBetween(LocalTime a, LocalTime b) {
        return (b.toSecondOfDay() - a.toSecondOfDay()) / 60;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static double pounds(double value) {
        return Math.round(value * 20) / 20.0;
    }

    /** A well-mixed seed for one concern (carers, packages, daily variation) of a region. */
    private static long mix(long seed, long salt) {
        long z = seed + salt * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
