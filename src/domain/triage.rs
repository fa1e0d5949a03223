//! Guided triage: customer-impact questions that suggest a severity.
//!
//! Each answer that points at a level produces a [`Reason`]; the suggestion is the
//! worst level any reason points at. "Not sure" counts as the worse of the answers
//! it stands between, so when the answers sit between two levels the higher one is
//! suggested (PRODUCT.md §3). Suggestions are built-in ranks 1..=4, mapped onto the
//! workspace's ladder with [`SeverityLadder::for_builtin_rank`](super::SeverityLadder::for_builtin_rank).

use serde::{Deserialize, Serialize};

/// Is the service down, or a function of it broken?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outage {
    /// Customers cannot use the service at all.
    ServiceDown,
    /// A critical function (sign-in, payment, data access) does not work.
    CriticalFunction,
    /// Things work, but slowly, partly or with errors.
    Degraded,
    /// Customers can use the product as usual.
    NoEffect,
    /// The responder cannot tell yet.
    NotSure,
}

/// How many customers are affected?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// Many or all customers.
    Many,
    /// A minority of customers.
    Few,
    /// The responder cannot tell yet.
    NotSure,
}

/// An answer to a yes-or-no question that may not be known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YesNo {
    /// Yes.
    Yes,
    /// No.
    No,
    /// Not known yet.
    NotSure,
}

/// The answers given so far; `None` means the question was not answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Answers {
    /// Is the service down or a critical function broken?
    pub outage: Option<Outage>,
    /// How many customers are affected?
    pub reach: Option<Reach>,
    /// Is customer data exposed or lost?
    pub data_exposed: Option<YesNo>,
    /// Is a service-level agreement breached?
    pub sla_breached: Option<YesNo>,
    /// Is there a workaround customers can use?
    pub workaround: Option<YesNo>,
}

/// Why a level is suggested; the UI words each reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The service is down for many customers (or it is not known how many).
    ServiceDownForMany,
    /// The service is down for a minority of customers.
    ServiceDownForFew,
    /// Customer data is exposed or lost for many customers.
    DataExposedForMany,
    /// Customer data is exposed or lost for some customers.
    DataExposed,
    /// A service-level agreement is breached.
    SlaBreached,
    /// A critical function is down.
    CriticalFunctionDown,
    /// Many customers are badly degraded with no workaround.
    ManyDegraded,
    /// Many customers are degraded, but a workaround exists.
    ManyDegradedWithWorkaround,
    /// A minority of customers lost part of the service.
    FewDegraded,
    /// Customers can use the product as usual.
    NoEffect,
    /// The outage is not known, so the worst case counts.
    OutageNotKnown,
}

impl Reason {
    /// The built-in rank (1 is the worst) this reason points at.
    pub fn rank(self) -> u8 {
        match self {
            Self::ServiceDownForMany | Self::DataExposedForMany | Self::SlaBreached | Self::OutageNotKnown => 1,
            Self::ServiceDownForFew | Self::DataExposed | Self::CriticalFunctionDown | Self::ManyDegraded => 2,
            Self::ManyDegradedWithWorkaround | Self::FewDegraded => 3,
            Self::NoEffect => 4,
        }
    }
}

/// A suggested level and every reason for it, worst first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The built-in rank suggested, 1 being the worst.
    pub rank: u8,
    /// Why, the reasons that decide the rank first.
    pub reasons: Vec<Reason>,
}

impl Answers {
    /// The suggestion for these answers, or `None` until an answer points at a level.
    pub fn suggest(&self) -> Option<Suggestion> {
        let many = !matches!(self.reach, Some(Reach::Few));
        let mut reasons = Vec::new();
        match self.outage {
            Some(Outage::ServiceDown) if many => reasons.push(Reason::ServiceDownForMany),
            Some(Outage::ServiceDown) => reasons.push(Reason::ServiceDownForFew),
            Some(Outage::NotSure) => reasons.push(Reason::OutageNotKnown),
            Some(Outage::CriticalFunction) => reasons.push(Reason::CriticalFunctionDown),
            Some(Outage::Degraded) if !many => reasons.push(Reason::FewDegraded),
            Some(Outage::Degraded) if self.workaround == Some(YesNo::Yes) => {
                reasons.push(Reason::ManyDegradedWithWorkaround)
            }
            Some(Outage::Degraded) if self.reach.is_some() => reasons.push(Reason::ManyDegraded),
            Some(Outage::NoEffect) => reasons.push(Reason::NoEffect),
            Some(Outage::Degraded) | None => {}
        }
        match self.data_exposed {
            Some(YesNo::Yes | YesNo::NotSure) if many => reasons.push(Reason::DataExposedForMany),
            Some(YesNo::Yes | YesNo::NotSure) => reasons.push(Reason::DataExposed),
            Some(YesNo::No) | None => {}
        }
        if matches!(self.sla_breached, Some(YesNo::Yes)) {
            reasons.push(Reason::SlaBreached);
        }
        crate::domain::order::sort_by_key(&mut reasons, |reason| reason.rank());
        let rank = reasons.first()?.rank();
        Some(Suggestion { rank, reasons })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(answers: Answers, expected: Option<u8>) {
        assert_eq!(answers.suggest().map(|s| s.rank), expected, "{answers:?}");
    }

    fn outage(outage: Outage, reach: Option<Reach>) -> Answers {
        Answers { outage: Some(outage), reach, ..Answers::default() }
    }

    #[test]
    fn answers_map_to_levels() {
        use Outage::*;
        check(Answers::default(), None);
        check(outage(ServiceDown, None), Some(1));
        check(outage(ServiceDown, Some(Reach::Many)), Some(1));
        check(outage(ServiceDown, Some(Reach::NotSure)), Some(1));
        check(outage(ServiceDown, Some(Reach::Few)), Some(2));
        check(outage(CriticalFunction, Some(Reach::Few)), Some(2));
        check(outage(Degraded, Some(Reach::Many)), Some(2));
        check(Answers { workaround: Some(YesNo::Yes), ..outage(Degraded, Some(Reach::Many)) }, Some(3));
        check(outage(Degraded, Some(Reach::Few)), Some(3));
        check(outage(Degraded, None), None);
        check(outage(NoEffect, Some(Reach::Few)), Some(4));
        check(outage(NotSure, Some(Reach::Few)), Some(1));
    }

    #[test]
    fn data_and_sla_raise_the_level() {
        let few = outage(Outage::NoEffect, Some(Reach::Few));
        check(Answers { data_exposed: Some(YesNo::Yes), ..few }, Some(2));
        check(Answers { data_exposed: Some(YesNo::NotSure), ..few }, Some(2));
        check(Answers { data_exposed: Some(YesNo::No), ..few }, Some(4));
        check(Answers { data_exposed: Some(YesNo::Yes), ..outage(Outage::NoEffect, Some(Reach::Many)) }, Some(1));
        check(Answers { sla_breached: Some(YesNo::Yes), ..few }, Some(1));
        check(Answers { sla_breached: Some(YesNo::NotSure), ..few }, Some(4));
    }

    #[test]
    fn between_two_levels_the_higher_wins_and_every_reason_is_kept() {
        let answers = Answers {
            data_exposed: Some(YesNo::Yes),
            workaround: Some(YesNo::Yes),
            ..outage(Outage::Degraded, Some(Reach::Few))
        };
        let suggestion = answers.suggest().unwrap();
        assert_eq!(suggestion.rank, 2);
        assert_eq!(suggestion.reasons, [Reason::DataExposed, Reason::FewDegraded]);
    }
}
