package org.carerota.planner.benchmark.solomon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates VRPTW instances in the Solomon text format at any size, in the manner of the Gehring–Homberger extended
 * sets (200 to 1,000 customers): the six kinds R1, C1, RC1 (short horizon, tight windows, capacity 200) and R2, C2,
 * RC2 (long horizon, wide windows, capacity 1,000 or 700), a fleet of a quarter of the customers, service times of 90
 * (C) or 10 (R, RC).
 *
 * <p>These are <em>not</em> the published Gehring–Homberger instances (they are not available to the build), and no
 * best-known solutions exist for them: they stand in for them to test that {@code vrptw} reads, scales and stays within
 * its time limit on instances of that size and shape. The square grows with the square root of the number of
 * customers (side 100 at 100 customers, as in Solomon's sets), so that the density of customers, and with the horizon
 * scaled in proportion the number of customers per route, stays that of the 100-customer sets.
 *
 * <p>Instance numbers 1–10 vary the windows as Solomon's variants do: the share of customers with a window
 * (100 %, 75 %, 50 %, 25 %) and their width. Every customer can be served by a vehicle of its own (its window opens
 * before a vehicle leaving at time 0 could be back in time), so every instance is feasible with the full fleet. The
 * same arguments always give the same text.
 */
public final class SolomonGenerator {

    /** The kinds of instance. */
    public enum Kind {
        R1,
        C1,
        RC1,
        R2,
        C2,
        RC2;

        boolean clustered() {
            return this == C1 || this == C2;
        }

        boolean mixed() {
            return this == RC1 || this == RC2;
        }

        boolean longHorizon() {
            return this == R2 || this == C2 || this == RC2;
        }

        int capacity() {
            return switch (this) {
                case R1, C1, RC1 -> 200;
                case C2 -> 700;
                case R2, RC2 -> 1000;
            };
        }

        /** Depot closing time at 100 customers (Solomon's sets). */
        double horizon() {
            return switch (this) {
                case R1 -> 230;
                case C1 -> 1236;
                case RC1 -> 240;
                case R2 -> 1000;
                case C2 -> 3390;
                case RC2 -> 960;
            };
        }

        /** Window half-width at 100 customers for tight variants (1–4); doubled for 5–8, random for 9–10. */
        double halfWidth() {
            return switch (this) {
                case R1, RC1 -> 5;
                case C1 -> 30;
                case R2, RC2 -> 60;
                case C2 -> 80;
            };
        }
    }

    /** The most customers a generated instance may have. */
    public static final int MAX_CUSTOMERS = 10_000;

    private SolomonGenerator() {}

    /** The conventional name, e.g. {@code R1_10_1} for kind R1, 1,000 customers, instance 1. */
    public static String name(Kind kind, int customers, int instance) {
        return kind.name() + "_" + Math.max(1, Math.round(customers / 100.0f)) + "_" + instance;
    }

    /**
     * An instance.
     *
     * @param kind R1, C1, RC1, R2, C2 or RC2
     * @param customers the number of customers, 10 to {@link #MAX_CUSTOMERS}
     * @param instance the variant, 1 to 10 (share and width of windows)
     * @param seed the random seed
     * @throws IllegalArgumentException when an argument is out of range
     */
    public static SolomonInstance generate(Kind kind, int customers, int instance, long seed) {
        if (customers < 10 || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("customers must be 10 to " + MAX_CUSTOMERS + ", found " + customers);
        }
        if (instance < 1 || instance > 10) {
            throw new IllegalArgumentException("instance must be 1 to 10, found " + instance);
        }
        SplittableRandom random =
                new SplittableRandom(seed * 1_000_003L + kind.ordinal() * 10_007L + customers * 31L + instance);
        double scale = Math.sqrt(customers / 100.0);
        double side = Math.round(100 * scale);
        double horizon = Math.round(kind.horizon() * scale);
        double service = kind.clustered() ? 90 : 10;
        double depotX = Math.round(side / 2);
        double depotY = Math.round(side / 2);
        double windowed =
                switch ((instance - 1) % 4) {
                    case 0 -> 1.0;
                    case 1 -> 0.75;
                    case 2 -> 0.5;
                    default -> 0.25;
                };
        if (instance > 8) {
            windowed = 1.0;
        }
        double widthFactor = instance <= 4 ? 1 : 2;
        int clusters = Math.max(2, customers / 10);
        double[][] centres = new double[clusters][2];
        for (double[] centre : centres) {
            centre[0] = side * (0.05 + 0.9 * random.nextDouble());
            centre[1] = side * (0.05 + 0.9 * random.nextDouble());
        }
        double spread = 3.0 * Math.max(1.0, scale / 2);
        List<SolomonInstance.Customer> list = new ArrayList<>();
        list.add(new SolomonInstance.Customer(0, depotX, depotY, 0, 0, horizon, 0));
        for (int i = 1; i <= customers; i++) {
            boolean inCluster = kind.clustered() || (kind.mixed() && i <= customers / 2);
            double x;
            double y;
            if (inCluster) {
                double[] centre = centres[random.nextInt(clusters)];
                x = clamp(Math.round(centre[0] + random.nextGaussian() * spread), side);
                y = clamp(Math.round(centre[1] + random.nextGaussian() * spread), side);
            } else {
                x = random.nextInt((int) side + 1);
                y = random.nextInt((int) side + 1);
            }
            int demand = kind.clustered() ? 10 * (1 + random.nextInt(4)) : 1 + random.nextInt(41);
            double there = Math.hypot(x - depotX, y - depotY);
            // latest start from which a vehicle still gets back to the depot in time
            double latest = Math.floor(horizon - there - service);
            double earliest = Math.ceil(there);
            double ready = 0;
            double due = latest;
            if (random.nextDouble() < windowed && latest > earliest) {
                double half = instance > 8
                        ? kind.halfWidth() * scale * (0.5 + random.nextDouble() * (instance == 9 ? 2 : 4))
                        : kind.halfWidth() * scale * widthFactor;
                double centre = earliest + random.nextDouble() * (latest - earliest);
                ready = Math.max(0, Math.round(centre - half));
                due = Math.min(latest, Math.round(centre + half));
                if (due < earliest) {
                    due = earliest;
                }
                if (ready > due) {
                    ready = due;
                }
            }
            if (latest < earliest) {
                // Too far for the horizon (only on tiny grids): move it next to the depot.
                x = depotX + 1;
                y = depotY;
                there = 1;
                ready = 0;
                due = Math.floor(horizon - there - service);
            }
            list.add(new SolomonInstance.Customer(i, x, y, demand, ready, due, service));
        }
        return new SolomonInstance(name(kind, customers, instance), Math.max(1, customers / 4), kind.capacity(), list);
    }

    /** The instance in the Solomon text format (integers, as in the published sets). */
    public static String format(SolomonInstance instance) {
        StringBuilder text = new StringBuilder();
        text.append(instance.name()).append("\n\n");
        text.append("VEHICLE\n");
        text.append("NUMBER     CAPACITY\n");
        text.append(String.format(Locale.ROOT, "%5d %12d%n%n", instance.vehicles(), instance.capacity()));
        text.append("CUSTOMER\n");
        text.append("CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\n\n");
        for (SolomonInstance.Customer customer : instance.customers()) {
            text.append(String.format(
                    Locale.ROOT,
                    "%5d %10d %10d %10d %10d %10d %10d%n",
                    customer.number(),
                    Math.round(customer.x()),
                    Math.round(customer.y()),
                    customer.demand(),
                    Math.round(customer.ready()),
                    Math.round(customer.due()),
                    Math.round(customer.service())));
        }
        return text.toString().replace("\r\n", "\n");
    }

    private static double clamp(double value, double side) {
        return Math.max(0, Math.min(side, value));
    }
}
