//! `ctgc export --format xlsx`: the tables as a workbook (rust_xlsxwriter), one sheet per table,
//! header in row 1, frozen, with filters; amounts as numbers with a € format, years as
//! integers, dates as dates, measured values as numbers when they read as one.

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use super::tables::{Cell, Table};
use crate::bilan::measure;

/// The workbook's bytes. `Err` is the library's own words, for an internal error message.
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>, String> {
    write(tables).map_err(|e| e.to_string())
}

fn write(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new().set_bold();
    let euros = Format::new().set_num_format("#,##0.00\\ \"€\"");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(table.name)?;
        for (c, name) in table.columns.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *name, &header)?;
            sheet.set_column_width(c as u16, 16)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) => {
                        sheet.write_string(r, c, s)?;
                    }
                    Cell::Int(i) => {
                        sheet.write_number(r, c, *i as f64)?;
                    }
                    Cell::Money(cents) => {
                        sheet.write_number_with_format(r, c, *cents as f64 / 100.0, &euros)?;
                    }
                    Cell::Measure(s) => match measure(s) {
                        Some(v) => {
                            sheet.write_number(r, c, v)?;
                        }
                        None => {
                            sheet.write_string(r, c, s)?;
                        }
                    },
                    Cell::Date(s) => match ExcelDateTime::parse_from_str(s) {
                        Ok(d) => {
                            sheet.write_datetime_with_format(r, c, &d, &date)?;
                        }
                        Err(_) => {
                            sheet.write_string(r, c, s)?;
                        }
                    },
                    Cell::Bool(b) => {
                        sheet.write_boolean(r, c, *b)?;
                    }
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        let last_col = table.columns.len().saturating_sub(1) as u16;
        sheet.autofilter(0, 0, table.rows.len() as u32, last_col)?;
    }
    book.save_to_buffer()
}
