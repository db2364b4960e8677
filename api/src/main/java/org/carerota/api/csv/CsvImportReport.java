package org.carerota.api.csv;

import java.util.List;

/**
 * The answer to an import: all rows imported, or none, with every problem found.
 *
 * @param rows data rows in the file (the header not counted)
 * @param imported rows written (0 when there is any error: all-or-nothing)
 * @param errors each problem: row (1 = first data row; 0 = the file itself), column, value and reason
 */
public record CsvImportReport(int rows, int imported, List<RowError> errors) {

    public record RowError(int row, String column, String value, String reason) {}
}
