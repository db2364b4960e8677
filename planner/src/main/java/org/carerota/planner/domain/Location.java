package org.carerota.planner.domain;

/**
 * A place: an index into the problem's travel matrix plus its coordinates for display and nearby selection.
 *
 * @param index the point index in the {@link org.carerota.planner.travel.TravelMatrix}
 * @param id a label (a postcode, a matrix point id or a customer number)
 * @param x longitude (straight-line problems) or planar x
 * @param y latitude (straight-line problems) or planar y
 */
public record Location(int index, String id, double x, double y) {}
