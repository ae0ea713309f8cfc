/// How the `.xlsx` reader writes cells with a date or time format.
public enum SpreadsheetDateStyle: Sendable, Hashable {
    /// ISO 8601 by the cell's format: `YYYY-MM-DD`, `HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS`, rounded to the second.
    case iso8601
    /// As pyxform reads XLSForms (openpyxl's value printed by Python): `YYYY-MM-DD HH:MM:SS` for every serial
    /// from 1 on whatever the format, `HH:MM:SS` below 1, `D day(s), H:MM:SS` for elapsed durations, each with
    /// `.ffffff` when the value has milliseconds. A form's version written as a date reads as pyxform writes it.
    case pyxform
}
