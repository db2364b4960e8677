package org.carerota.planner.travel;

/**
 * Travel time and distance between two points, identified by their index in the problem's list of points.
 *
 * <p>Implementations may do real work (trigonometry, lookups); the solver never calls them while scoring: {@link
 * TravelMatrix#precompute} asks once per pair and mode before solving.
 */
public interface TravelTimeProvider {

    /** Travel time in minutes (fractional) from point {@code from} to point {@code to} with the given mode. */
    double minutes(int from, int to, TravelMode mode);

    /** Distance from point {@code from} to point {@code to}: km for care problems, plain units for planar ones. */
    double distance(int from, int to);

    /** The number of points. */
    int size();
}
