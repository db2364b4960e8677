package org.carerota.api.csv;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to an import: all rows imported, or none, with every problem found.
 *
 * @param rows data rows in the file (the header not counted)
 * @param imported rows written (0 when there is any error: all-or-nothing)
 * @param errors each problem: row (1 = first data row; 0 = the file itself), column, value and reason
 * @param packages care packages created (care package import only)
 * @param visitsCreated dated visits the packages' templates expanded into (care package import only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CsvImportReport(
        int rows, int imported, List<RowError> errors, @Nullable Integer packages, @Nullable Integer visitsCreated) {

    public CsvImportReport(int rows, int imported, List<RowError> errors) {
        this(rows, imported, errors, null, null);
    }

    public record RowError(int row, String column, String value, String reason) {}
}
