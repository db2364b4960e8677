package org.carerota.planner.benchmark.solomon;

import java.util.List;

/**
 * A VRPTW instance in the Solomon / Gehring–Homberger format.
 *
 * <p>Conventions (those of the best-known solutions): Euclidean distance in double precision, travel time equals
 * distance, service time counts, hard time windows bound the start of service (waiting allowed), every vehicle has
 * the same capacity.
 *
 * @param name the instance name from the first line, e.g. {@code C101}
 * @param vehicles the fleet size: an upper bound on the vehicles a solution may use
 * @param capacity the capacity of every vehicle
 * @param customers customer 0 (the depot) first, then the customers in file order
 */
public record SolomonInstance(String name, int vehicles, int capacity, List<Customer> customers) {

    public SolomonInstance {
        if (customers.isEmpty() || customers.get(0).number() != 0) {
            throw new IllegalArgumentException("instance " + name + ": the first customer must be the depot (0)");
        }
        customers = List.copyOf(customers);
    }

    /** Customer 0: ready time is when vehicles may leave, due date when they must be back. */
    public Customer depot() {
        return customers.get(0);
    }

    /** The customers to serve (all but the depot). */
    public List<Customer> visits() {
        return customers.subList(1, customers.size());
    }

    /** Euclidean distance in double precision between two customers. */
    public static double distance(Customer a, Customer b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }

    /**
     * A customer (or the depot, number 0).
     *
     * @param number the customer number from the file
     * @param x planar x coordinate
     * @param y planar y coordinate
     * @param demand load taken from the vehicle's capacity
     * @param ready the earliest start of service
     * @param due the latest start of service (for the depot: the latest return)
     * @param service the service duration
     */
    public record Customer(int number, double x, double y, int demand, double ready, double due, double service) {}
}
