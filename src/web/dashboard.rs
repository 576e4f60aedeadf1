//! The dashboard: the team's numbers in a date range as server-rendered SVG charts, each beside a
//! table with the same numbers. Every shape's geometry is computed here, so the template only loops.

use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::{NaiveDate, TimeDelta};
use serde::Deserialize;

use super::page::Chrome;
use super::session::Session;
use super::{blocking, render, AppState};
use crate::db::dashboard::{self as queries, Agreement, Range, VerifiedOn};
use crate::db::verdicts;
use crate::domain::{Invalid, Status};
use crate::error::{AppError, AppResult};

/// The range shown when none is asked for: the last 90 days, today included.
const DEFAULT_DAYS: i64 = 90;
/// The longest range accepted, so a query stays bounded.
const MAX_DAYS: i64 = 3660;
const WEEKS: i64 = 12;
const BUSIEST: i64 = 10;

/// The query string: both dates optional, as `YYYY-MM-DD`.
#[derive(Debug, Default, Deserialize)]
pub struct DashboardQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

fn parse_date(field: &'static str, raw: &str) -> AppResult<Option<NaiveDate>> {
    match raw.trim() {
        "" => Ok(None),
        text => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| AppError::Invalid(Invalid::new(field, "must be a date as YYYY-MM-DD"))),
    }
}

/// The first and last day shown (both included), checked.
fn parse_range(query: &DashboardQuery, today: NaiveDate) -> AppResult<(NaiveDate, NaiveDate)> {
    let from = parse_date("from", &query.from)?;
    let to = parse_date("to", &query.to)?.unwrap_or(today);
    let from = from.unwrap_or(to - TimeDelta::days(DEFAULT_DAYS - 1));
    if from > to {
        return Err(AppError::Invalid(Invalid::new(
            "from",
            "must not be after the end date",
        )));
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(AppError::Invalid(Invalid::new(
            "from",
            "must be at most ten years before the end date",
        )));
    }
    Ok((from, to))
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// A duration in words: hours under two days, days above.
fn duration_text(seconds: f64) -> String {
    let hours = seconds / 3600.0;
    if hours < 1.0 {
        format!("{:.0} minutes", seconds / 60.0)
    } else if hours < 48.0 {
        format!("{:.1} hours", hours)
    } else {
        format!("{:.1} days", hours / 24.0)
    }
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

// ---- chart geometry ----

/// One bar of a horizontal bar chart, with its label and value placed beside it.
pub struct Bar {
    /// The label in full, for the table; `label` may be shortened to fit the chart.
    pub full: String,
    pub label: String,
    pub value: String,
    pub y: f64,
    pub width: f64,
    pub text_y: f64,
    pub value_x: f64,
    pub class: String,
}

/// A horizontal bar chart: labels on the left, bars to the right.
pub struct BarChart {
    pub id: &'static str,
    pub title: String,
    pub height: f64,
    pub bar_x: f64,
    pub bar_height: f64,
    pub bars: Vec<Bar>,
}

const CHART_WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 220.0;
const BAR_SPACE: f64 = 360.0;
const ROW: f64 = 28.0;

impl BarChart {
    /// Bars scaled to the largest value; `class` gives each bar its colour.
    fn new(id: &'static str, title: &str, rows: Vec<(String, i64, String)>) -> BarChart {
        let max = rows.iter().map(|(_, n, _)| *n).max().unwrap_or(0).max(1) as f64;
        let bars = rows
            .into_iter()
            .enumerate()
            .map(|(i, (label, n, class))| {
                let y = 8.0 + i as f64 * ROW;
                let width = round1(BAR_SPACE * n as f64 / max);
                Bar {
                    label: short(&label, 26),
                    full: label,
                    value: n.to_string(),
                    y,
                    width,
                    text_y: y + 14.0,
                    value_x: LABEL_WIDTH + 8.0 + width + 6.0,
                    class,
                }
            })
            .collect::<Vec<_>>();
        BarChart {
            id,
            title: title.to_owned(),
            height: 16.0 + bars.len().max(1) as f64 * ROW,
            bar_x: LABEL_WIDTH + 8.0,
            bar_height: ROW - 8.0,
            bars,
        }
    }

    fn width(&self) -> f64 {
        CHART_WIDTH
    }

    fn label_x(&self) -> f64 {
        LABEL_WIDTH
    }
}

/// One coloured piece of a stacked column.
pub struct Segment {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub series: usize,
    pub label: String,
}

/// A week's column: its label under the axis.
pub struct Column {
    pub label: String,
    pub text_x: f64,
    pub total: String,
    pub total_y: f64,
}

/// Vertical columns over the weeks, stacked by series (one series: plain columns).
pub struct ColumnChart {
    pub id: &'static str,
    pub title: String,
    pub segments: Vec<Segment>,
    pub columns: Vec<Column>,
    pub legend: Vec<LegendItem>,
}

/// A series' swatch and name beside the chart.
pub struct LegendItem {
    pub name: String,
    pub rect_y: f64,
    pub text_y: f64,
    pub series: usize,
}

const PLOT_TOP: f64 = 20.0;
const PLOT_HEIGHT: f64 = 180.0;
const PLOT_LEFT: f64 = 10.0;
const COLUMN_SPACE: f64 = 40.0;
const COLUMN_WIDTH: f64 = 28.0;
/// Distinct series colours in app.css (`.series-0` …); more reviewers than this repeat them.
const SERIES_COLOURS: usize = 12;

impl ColumnChart {
    /// `values[week][series]`, drawn as stacked columns; `totals` are the words over each column.
    fn new(
        id: &'static str,
        title: &str,
        weeks: &[Week],
        series: &[String],
        values: &[Vec<f64>],
        totals: Vec<String>,
    ) -> ColumnChart {
        let max = values
            .iter()
            .map(|v| v.iter().sum::<f64>())
            .fold(0.0_f64, f64::max)
            .max(1.0);
        let baseline = PLOT_TOP + PLOT_HEIGHT;
        let mut segments = Vec::new();
        let mut columns = Vec::new();
        for (i, (week, row)) in weeks.iter().zip(values).enumerate() {
            let x = PLOT_LEFT + i as f64 * COLUMN_SPACE;
            let mut top = baseline;
            for (s, value) in row.iter().enumerate() {
                if *value <= 0.0 {
                    continue;
                }
                let height = round1(PLOT_HEIGHT * value / max);
                top = round1(top - height);
                segments.push(Segment {
                    x,
                    y: top,
                    width: COLUMN_WIDTH,
                    height,
                    series: s % SERIES_COLOURS,
                    label: format!("{}: {}", series.get(s).map_or("", |n| n.as_str()), value),
                });
            }
            columns.push(Column {
                label: week.label.clone(),
                text_x: x + COLUMN_WIDTH / 2.0,
                total: totals.get(i).cloned().unwrap_or_default(),
                total_y: top - 4.0,
            });
        }
        let legend = series
            .iter()
            .enumerate()
            .map(|(s, name)| {
                let rect_y = PLOT_TOP + s as f64 * 20.0;
                LegendItem {
                    name: short(name, 14),
                    rect_y,
                    text_y: rect_y + 11.0,
                    series: s % SERIES_COLOURS,
                }
            })
            .collect();
        ColumnChart {
            id,
            title: title.to_owned(),
            segments,
            columns,
            legend,
        }
    }

    fn width(&self) -> f64 {
        CHART_WIDTH
    }

    fn height(&self) -> f64 {
        let legend_bottom = PLOT_TOP + 20.0 + self.legend.len() as f64 * 20.0;
        (PLOT_TOP + PLOT_HEIGHT + 30.0).max(legend_bottom)
    }

    fn baseline(&self) -> f64 {
        PLOT_TOP + PLOT_HEIGHT
    }

    fn axis_end(&self) -> f64 {
        PLOT_LEFT + WEEKS as f64 * COLUMN_SPACE
    }

    fn label_y(&self) -> f64 {
        PLOT_TOP + PLOT_HEIGHT + 18.0
    }

    fn legend_x(&self) -> f64 {
        PLOT_LEFT + WEEKS as f64 * COLUMN_SPACE + 20.0
    }

    fn legend_text_x(&self) -> f64 {
        self.legend_x() + 18.0
    }

    fn plot_left(&self) -> f64 {
        PLOT_LEFT
    }
}

/// One week of the weekly charts: the days `[start, end)`.
pub struct Week {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub label: String,
}

/// The last (at most) twelve weeks of the range, oldest first, ending with the range's last day.
fn weeks_of(from: NaiveDate, to: NaiveDate) -> Vec<Week> {
    let days = (to - from).num_days() + 1;
    let count = ((days + 6) / 7).clamp(1, WEEKS);
    let end = to + TimeDelta::days(1);
    (0..count)
        .rev()
        .map(|back| {
            let week_end = end - TimeDelta::days(7 * back);
            let week_start = (week_end - TimeDelta::days(7)).max(from);
            Week {
                start: week_start,
                end: week_end,
                label: week_start.format("%m-%d").to_string(),
            }
        })
        .collect()
}

fn week_index(weeks: &[Week], day: NaiveDate) -> Option<usize> {
    weeks.iter().position(|w| w.start <= day && day < w.end)
}

// ---- the page ----

/// The weekly table: one row per week.
pub struct WeekRow {
    pub label: String,
    pub cells: Vec<i64>,
    pub total: i64,
}

pub struct MedianRow {
    pub label: String,
    pub verified: usize,
    pub median: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    from: String,
    to: String,
    total: i64,
    by_status: BarChart,
    by_verdict: BarChart,
    throughput: ColumnChart,
    reviewers: Vec<String>,
    throughput_rows: Vec<WeekRow>,
    time_to_verdict: ColumnChart,
    median_rows: Vec<MedianRow>,
    median_overall: Option<String>,
    verified_count: usize,
    agreement: Option<Agreement>,
    pair_count: usize,
    agreement_chart: BarChart,
    busiest: BarChart,
}

impl DashboardPage {
    fn kappa_text(&self) -> String {
        self.agreement
            .map_or_else(String::new, |a| format!("{:.2}", a.kappa))
    }

    fn observed_text(&self) -> String {
        self.agreement
            .map_or_else(String::new, |a| format!("{:.0}%", a.observed * 100.0))
    }
}

fn throughput_chart(
    weeks: &[Week],
    verified: &[VerifiedOn],
) -> (ColumnChart, Vec<String>, Vec<WeekRow>) {
    let name = |v: &VerifiedOn| v.reviewer.clone().unwrap_or_else(|| "nobody".into());
    let mut reviewers: Vec<String> = verified.iter().map(name).collect();
    reviewers.sort();
    reviewers.dedup();
    let mut counts = vec![vec![0_i64; reviewers.len()]; weeks.len()];
    for v in verified {
        let reviewer = name(v);
        if let (Some(w), Some(r)) = (
            week_index(weeks, v.day),
            reviewers.iter().position(|n| *n == reviewer),
        ) {
            counts[w][r] += v.claims;
        }
    }
    let rows: Vec<WeekRow> = weeks
        .iter()
        .zip(&counts)
        .map(|(week, cells)| WeekRow {
            label: week.start.format("%Y-%m-%d").to_string(),
            total: cells.iter().sum(),
            cells: cells.clone(),
        })
        .collect();
    let values: Vec<Vec<f64>> = counts
        .iter()
        .map(|row| row.iter().map(|n| *n as f64).collect())
        .collect();
    let totals = rows.iter().map(|r| r.total.to_string()).collect();
    let chart = ColumnChart::new(
        "throughput",
        "Claims verified per week, by reviewer",
        weeks,
        &reviewers,
        &values,
        totals,
    );
    (chart, reviewers, rows)
}

fn time_to_verdict_chart(
    weeks: &[Week],
    medians: &[queries::Median],
) -> (ColumnChart, Vec<MedianRow>) {
    let mut rows = Vec::new();
    let mut values = Vec::new();
    let mut totals = Vec::new();
    for (
        week,
        queries::Median {
            verified,
            seconds: median,
        },
    ) in weeks.iter().zip(medians)
    {
        let (verified, median) = (*verified, *median);
        values.push(vec![median.map_or(0.0, |s| round1(s / 3600.0))]);
        totals.push(median.map_or_else(String::new, |s| format!("{:.0}h", s / 3600.0)));
        rows.push(MedianRow {
            label: week.start.format("%Y-%m-%d").to_string(),
            verified,
            median: median.map_or_else(|| "none verified".into(), duration_text),
        });
    }
    let chart = ColumnChart::new(
        "time-to-verdict",
        "Median hours from creation to verdict, per week",
        weeks,
        &["Median hours".to_owned()],
        &values,
        totals,
    );
    (chart, rows)
}

pub async fn page(
    state: web::Data<AppState>,
    session: Session,
    query: web::Query<DashboardQuery>,
) -> AppResult<HttpResponse> {
    let today = chrono::Utc::now().date_naive();
    let (from, to) = parse_range(&query, today)?;
    let range = Range::days(from, to);
    let weeks = weeks_of(from, to);
    let (team, viewer) = (session.info.team_id, session.info.user_id);
    let spans: Vec<(NaiveDate, NaiveDate)> = weeks.iter().map(|w| (w.start, w.end)).collect();
    let pool = state.pool.clone();
    // The weekly charts read the claims verified in their weeks alone.
    let charted = Range {
        from: weeks.first().map_or(from, |w| w.start),
        until: range.until,
    };
    let (counts, scale, verified, medians, pairs, articles) = blocking(move || {
        let mut conn = pool.get()?;
        let counts = queries::claim_counts(&mut conn, team, viewer, range)?;
        let in_range = counts.per_status.iter().map(|(_, n)| n).sum();
        Ok((
            verdicts::scale(&mut conn, team)?,
            queries::verified_per_day(&mut conn, team, charted)?,
            queries::verdict_medians(&mut conn, team, range, &spans)?,
            queries::review_pairs(&mut conn, team, range)?,
            queries::busiest_articles(&mut conn, team, range, BUSIEST, in_range)?,
        ))
        .map(|(scale, verified, medians, pairs, articles)| {
            (counts, scale, verified, medians, pairs, articles)
        })
    })
    .await?;
    let (statuses, verdict_counts) = (counts.per_status, counts.per_verdict);

    let status_rows: Vec<(String, i64, String)> = Status::WORKFLOW
        .iter()
        .map(|s| {
            let n = statuses
                .iter()
                .find(|(key, _)| key == s.as_str())
                .map_or(0, |(_, n)| *n);
            (
                s.label().to_owned(),
                n,
                format!("bar status-{}", s.as_str()),
            )
        })
        .collect();
    let total = status_rows.iter().map(|(_, n, _)| n).sum();
    let verdict_rows: Vec<(String, i64, String)> = scale
        .iter()
        .filter_map(|v| {
            let n = verdict_counts
                .iter()
                .find(|(id, _)| *id == v.id)
                .map_or(0, |(_, n)| *n);
            (!v.retired || n > 0).then(|| (v.label.clone(), n, "bar verdict".to_owned()))
        })
        .collect();
    let (throughput, reviewers, throughput_rows) = throughput_chart(&weeks, &verified);
    let verified_count = medians.overall.verified;
    let median_overall = medians.overall.seconds.map(duration_text);
    let (time_to_verdict, median_rows) = time_to_verdict_chart(&weeks, &medians.spans);
    let agreement = queries::cohens_kappa(&pairs);
    let agreed = pairs.iter().filter(|(a, b)| a == b).count() as i64;
    let agreement_chart = BarChart::new(
        "agreement",
        "Blind second reviews that agreed and disagreed",
        vec![
            ("Agreed".into(), agreed, "bar agreed".into()),
            (
                "Disagreed".into(),
                pairs.len() as i64 - agreed,
                "bar disagreed".into(),
            ),
        ],
    );
    let busiest = BarChart::new(
        "articles",
        "Busiest articles, by claims",
        articles
            .into_iter()
            .map(|(_, title, n)| (title, n, "bar article".to_owned()))
            .collect(),
    );
    render(&DashboardPage {
        chrome: Chrome::member("Dashboard", &session, "dashboard"),
        from: from.format("%Y-%m-%d").to_string(),
        to: to.format("%Y-%m-%d").to_string(),
        total,
        by_status: BarChart::new("status", "Claims by status", status_rows),
        by_verdict: BarChart::new("verdict", "Claims by verdict", verdict_rows),
        throughput,
        reviewers,
        throughput_rows,
        time_to_verdict,
        median_rows,
        median_overall,
        verified_count,
        agreement,
        pair_count: pairs.len(),
        agreement_chart,
        busiest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_default_range_is_the_last_ninety_days() {
        let (from, to) = parse_range(&DashboardQuery::default(), day("2026-03-31")).unwrap();
        assert_eq!((from, to), (day("2026-01-01"), day("2026-03-31")));
    }

    #[test]
    fn bad_dates_name_their_field() {
        let query = |from: &str, to: &str| DashboardQuery {
            from: from.into(),
            to: to.into(),
        };
        let field = |q: DashboardQuery| match parse_range(&q, day("2026-03-31")) {
            Err(AppError::Invalid(invalid)) => invalid.field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(query("2026-02-30", "")), "from");
        assert_eq!(field(query("", "31/03/2026")), "to");
        assert_eq!(field(query("2026-03-02", "2026-03-01")), "from");
    }

    #[test]
    fn weeks_end_with_the_range_and_stay_inside_it() {
        let weeks = weeks_of(day("2026-03-20"), day("2026-03-31"));
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0].start, day("2026-03-20"));
        assert_eq!(weeks[1].end, day("2026-04-01"));
        assert_eq!(weeks_of(day("2025-01-01"), day("2026-03-31")).len(), 12);
    }

    #[test]
    fn bars_scale_to_the_largest_value() {
        let chart = BarChart::new(
            "t",
            "T",
            vec![("a".into(), 4, "bar".into()), ("b".into(), 2, "bar".into())],
        );
        assert_eq!(chart.bars[0].width, BAR_SPACE);
        assert_eq!(chart.bars[1].width, BAR_SPACE / 2.0);
        assert!(chart.bars[1].y > chart.bars[0].y);
    }
}
