package org.carerota.planner.vrptw;

import java.util.Arrays;

/** One route of a {@link RoutingProblem}: customers in order, earliest service starts and latest feasible starts. */
final class Route {
    private final RoutingProblem p;
    int[] customers;
    int size;
    int load;
    long travel;
    long[] earliest;
    long[] latest;

    Route(RoutingProblem p, int[] customers, int size) {
        this.p = p;
        this.customers = customers;
        this.size = size;
    }

    /** Recomputes load and times; false if the route breaks a window or the capacity. */
    boolean update() {
        earliest = new long[Math.max(1, size)];
        latest = new long[Math.max(1, size)];
        load = 0;
        travel = 0;
        long time = p.ready()[0];
        int at = 0;
        boolean ok = true;
        for (int i = 0; i < size; i++) {
            int c = customers[i];
            load += p.demand()[c];
            travel += p.t(at, c);
            time = Math.max(p.ready()[c], time + p.t(at, c));
            earliest[i] = time;
            ok &= time <= p.due()[c];
            time += p.service()[c];
            at = c;
        }
        travel += p.t(at, 0);
        ok &= time + p.t(at, 0) <= p.due()[0] && load <= p.capacity();
        long limit = p.due()[0];
        int next = 0;
        for (int i = size - 1; i >= 0; i--) {
            int c = customers[i];
            limit = Math.min(p.due()[c], limit - p.t(c, next) - p.service()[c]);
            latest[i] = limit;
            next = c;
        }
        return ok;
    }

    Route copy() {
        Route copy = new Route(p, customers, size);
        copy.load = load;
        copy.travel = travel;
        copy.earliest = earliest;
        copy.latest = latest;
        return copy;
    }

    int indexOf(int customer) {
        for (int i = 0; i < size; i++) {
            if (customers[i] == customer) {
                return i;
            }
        }
        return -1;
    }

    /** v fits before position i (time windows only). */
    boolean canInsert(int v, int i) {
        int prev = i == 0 ? 0 : customers[i - 1];
        long end = i == 0 ? p.ready()[0] : earliest[i - 1] + p.service()[prev];
        long start = Math.max(p.ready()[v], end + p.t(prev, v));
        if (start > p.due()[v]) {
            return false;
        }
        long leave = start + p.service()[v];
        if (i == size) {
            return leave + p.t(v, 0) <= p.due()[0];
        }
        int next = customers[i];
        return Math.max(p.ready()[next], leave + p.t(v, next)) <= latest[i];
    }

    /** The route with v before position i and positions a (and b, if not -1) left out is feasible in time. */
    boolean feasibleWith(int v, int i, int a, int b) {
        int first = Math.min(a, i);
        int lastChange = Math.max(Math.max(a, b), i - 1);
        int at = 0;
        long time = p.ready()[0];
        if (first > 0) {
            at = customers[first - 1];
            time = earliest[first - 1] + p.service()[at];
        }
        for (int k = first; k <= size; k++) {
            if (k == i) {
                long start = Math.max(p.ready()[v], time + p.t(at, v));
                if (start > p.due()[v]) {
                    return false;
                }
                time = start + p.service()[v];
                at = v;
            }
            if (k == size) {
                break;
            }
            if (k == a || k == b) {
                continue;
            }
            int c = customers[k];
            long start = Math.max(p.ready()[c], time + p.t(at, c));
            if (start > p.due()[c]) {
                return false;
            }
            if (k > lastChange) {
                return start <= latest[k];
            }
            time = start + p.service()[c];
            at = c;
        }
        return time + p.t(at, 0) <= p.due()[0];
    }

    boolean feasible(int[] sequence, int length) {
        long time = p.ready()[0];
        int at = 0;
        for (int i = 0; i < length; i++) {
            int c = sequence[i];
            time = Math.max(p.ready()[c], time + p.t(at, c));
            if (time > p.due()[c]) {
                return false;
            }
            time += p.service()[c];
            at = c;
        }
        return time + p.t(at, 0) <= p.due()[0];
    }

    /** The sequence with position from moved to before position to, or null if that changes nothing. */
    int[] relocated(int from, int to) {
        if (to == from || to == from + 1) {
            return null;
        }
        int[] result = new int[customers.length];
        int k = 0;
        for (int i = 0; i <= size; i++) {
            if (i == to) {
                result[k++] = customers[from];
            }
            if (i < size && i != from) {
                result[k++] = customers[i];
            }
        }
        return result;
    }

    void set(int[] sequence, int length) {
        customers = sequence;
        size = length;
        update();
    }

    void insert(int v, int i) {
        int[] result = new int[size + 1];
        System.arraycopy(customers, 0, result, 0, i);
        result[i] = v;
        System.arraycopy(customers, i, result, i + 1, size - i);
        set(result, size + 1);
    }

    void remove(int i) {
        int[] result = new int[size - 1];
        System.arraycopy(customers, 0, result, 0, i);
        System.arraycopy(customers, i + 1, result, i, size - i - 1);
        set(result, size - 1);
    }

    void replace(int v, int i, int a, int b) {
        int[] result = new int[size + 1];
        int k = 0;
        for (int j = 0; j <= size; j++) {
            if (j == i) {
                result[k++] = v;
            }
            if (j < size && j != a && j != b) {
                result[k++] = customers[j];
            }
        }
        set(Arrays.copyOf(result, k), k);
    }
}
