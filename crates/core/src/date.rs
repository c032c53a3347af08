//! Calendar dates as content writes them: `YYYY-MM-DD`.

use std::fmt;

/// A calendar date (no time zone), ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2025.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists in that month.
    pub fn parse(s: &str) -> Result<Date, String> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(format!("\"{s}\" is not a date of the form YYYY-MM-DD"));
        }
        let year: u16 = s[0..4].parse().map_err(|_| format!("bad year in \"{s}\""))?;
        let month: u8 = s[5..7].parse().map_err(|_| format!("bad month in \"{s}\""))?;
        let day: u8 = s[8..10].parse().map_err(|_| format!("bad day in \"{s}\""))?;
        if !(1..=12).contains(&month) {
            return Err(format!("\"{s}\" has no month {month}"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(format!("\"{s}\" is not a day of that month"));
        }
        Ok(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), for distances between dates.
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

/// A `YYYY-MM-DD` date written out in a language's long style: `template`
/// places `{day}`, `{month}` (the name `month_name(1..=12)` gives) and
/// `{year}` ("{month} {day}, {year}" → "June 10, 2025"; "{day} de {month} de
/// {year}" → "10 de junio de 2025"). Anything that is not a date comes back as it is.
/// The app and the pre-rendered pages both use it, so a date reads the same
/// before and after the app takes over.
pub fn format_long(iso: &str, template: &str, month_name: impl Fn(u8) -> &'static str) -> String {
    match Date::parse(iso) {
        Ok(d) => crate::i18n::fill(
            template,
            &[("day", &d.day.to_string()), ("month", month_name(d.month)), ("year", &d.year.to_string())],
        ),
        Err(_) => iso.to_string(),
    }
}

impl Date {
    /// The date `days` days after 1970-01-01 (before it when negative): the
    /// inverse of [`Date::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Date {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_follow_the_template() {
        let en = |m: u8| ["January", "February", "March", "April", "May", "June"][usize::from(m) - 1];
        assert_eq!(format_long("2025-06-10", "{month} {day}, {year}", en), "June 10, 2025");
        assert_eq!(format_long("2025-03-01", "{day} de {month} de {year}", |_| "marzo"), "1 de marzo de 2025");
        assert_eq!(format_long("soon", "{month} {day}, {year}", en), "soon");
    }

    #[test]
    fn parses_valid_dates_and_orders_them() {
        let a = Date::parse("2025-06-10").unwrap();
        let b = Date::parse("2025-12-01").unwrap();
        assert!(a < b);
        assert_eq!(a.to_string(), "2025-06-10");
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn refuses_malformed_and_impossible_dates() {
        for bad in ["2025-6-10", "2025-02-29", "2025-13-01", "2025-04-31", "10/06/2025", "", "2025-00-10"] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn days_since_epoch_round_trips() {
        for d in ["1970-01-01", "2000-02-29", "2025-12-31", "2026-11-27"] {
            let date = Date::parse(d).unwrap();
            assert_eq!(Date::from_days_since_epoch(date.days_since_epoch()), date);
        }
        assert_eq!(Date::from_days_since_epoch(20_784).to_string(), "2026-11-27");
    }

    #[test]
    fn counts_days_since_epoch() {
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(Date::parse("2000-03-01").unwrap().days_since_epoch(), 11_017);
        let a = Date::parse("2025-06-10").unwrap().days_since_epoch();
        let b = Date::parse("2025-07-10").unwrap().days_since_epoch();
        assert_eq!(b - a, 30);
    }
}
