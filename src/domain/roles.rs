//! Incident roles and who holds them, and the small people directory that
//! suggests names.

use serde::{Deserialize, Serialize};

/// A role in the response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the response and makes the calls.
    IncidentLead,
    /// One voice to customers and stakeholders.
    CommunicationsManager,
    /// Keeps the timeline.
    Scribe,
    /// Knows a part of the system; there can be several.
    SubjectExpert,
    /// Links the response with front-line support.
    FrontLineLiaison,
}

impl Role {
    /// Every role, in the order the header shows them.
    pub const ALL: [Role; 5] =
        [Self::IncidentLead, Self::CommunicationsManager, Self::Scribe, Self::SubjectExpert, Self::FrontLineLiaison];

    /// Whether several people can hold the role at once.
    pub fn is_shared(self) -> bool {
        self == Self::SubjectExpert
    }

    /// A stable machine name.
    pub fn key(self) -> &'static str {
        match self {
            Self::IncidentLead => "incident_lead",
            Self::CommunicationsManager => "communications_manager",
            Self::Scribe => "scribe",
            Self::SubjectExpert => "subject_expert",
            Self::FrontLineLiaison => "front_line_liaison",
        }
    }
}

/// Who holds which role now.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Roles {
    holders: Vec<(Role, String)>,
}

/// The longest name accepted for a role holder or a person, in characters.
pub const MAX_NAME: usize = 80;

fn clean(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(MAX_NAME).collect()
}

impl Roles {
    /// The people holding `role`, in the order they took it.
    pub fn holders(&self, role: Role) -> Vec<&str> {
        self.holders.iter().filter(|(r, _)| *r == role).map(|(_, name)| name.as_str()).collect()
    }

    /// The roles with `name` holding `role`: for a single-holder role it replaces
    /// the previous holder (a hand-over), for a shared role it adds one. Returns
    /// the previous holder of a single-holder role. `None` if nothing changes.
    pub(crate) fn assign(&self, role: Role, name: &str) -> Option<(Roles, Option<String>)> {
        let name = clean(name);
        if name.is_empty() || self.holders(role).iter().any(|held| held.eq_ignore_ascii_case(&name)) {
            return None;
        }
        let mut holders = self.holders.clone();
        let previous = if role.is_shared() {
            None
        } else {
            let at = holders.iter().position(|(r, _)| *r == role);
            at.map(|at| holders.remove(at).1)
        };
        holders.push((role, name));
        Some((Roles { holders }, previous))
    }

    /// The roles without `name` in `role`, or `None` if they did not hold it.
    pub(crate) fn release(&self, role: Role, name: &str) -> Option<Roles> {
        let at = self.holders.iter().position(|(r, held)| *r == role && held.eq_ignore_ascii_case(name.trim()))?;
        let mut holders = self.holders.clone();
        holders.remove(at);
        Some(Roles { holders })
    }
}

/// Someone the team may call on during an incident. A stored or imported one is
/// decoded through [`Person::new`], so a blank name never arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "PersonData")]
pub struct Person {
    name: String,
    team: String,
    reach: String,
}

/// Why a person was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonError {
    /// The name is empty.
    #[error("the person needs a name")]
    EmptyName,
}

/// The stored shape of a [`Person`], before its checks.
#[derive(Deserialize)]
struct PersonData {
    name: String,
    #[serde(default)]
    team: String,
    #[serde(default)]
    reach: String,
}

impl TryFrom<PersonData> for Person {
    type Error = PersonError;

    fn try_from(data: PersonData) -> Result<Self, Self::Error> {
        Person::new(&data.name, &data.team, &data.reach)
    }
}

/// The names of a list typed as text: separated by commas (`,`, `，` or `、`,
/// like the affected components), trimmed, empty ones left out.
pub fn split_names(typed: &str) -> Vec<String> {
    typed.split([',', '，', '、']).map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned).collect()
}

impl Person {
    /// A person with a name, a team and how to reach them (phone, chat handle...).
    pub fn new(name: &str, team: &str, reach: &str) -> Result<Person, PersonError> {
        let name = clean(name);
        if name.is_empty() {
            return Err(PersonError::EmptyName);
        }
        Ok(Self { name, team: clean(team), reach: reach.trim().chars().take(200).collect() })
    }

    /// The person's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Their team.
    pub fn team(&self) -> &str {
        &self.team
    }

    /// How to reach them.
    pub fn reach(&self) -> &str {
        &self.reach
    }

    /// This person with the details of `typed` (the same person, typed again):
    /// its name's spelling, and each of its team and contact that is not empty.
    /// A field left empty keeps what this person had, so adding someone again
    /// never blanks their details.
    pub fn updated_by(&self, typed: &Person) -> Person {
        let pick = |new: &str, old: &str| if new.is_empty() { old.to_owned() } else { new.to_owned() };
        Person { name: typed.name.clone(), team: pick(&typed.team, &self.team), reach: pick(&typed.reach, &self.reach) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_on_commas_in_both_languages() {
        assert_eq!(split_names(" Dan Ortiz, Eve Park ,, "), ["Dan Ortiz", "Eve Park"]);
        assert_eq!(split_names("王小明、陳大文，Ana"), ["王小明", "陳大文", "Ana"]);
        assert!(split_names(" , ").is_empty());
    }

    #[test]
    fn single_roles_hand_over_and_shared_roles_add() {
        let (roles, previous) = Roles::default().assign(Role::IncidentLead, " Ana ").unwrap();
        assert_eq!(previous, None);
        let (roles, previous) = roles.assign(Role::IncidentLead, "Bo").unwrap();
        assert_eq!((roles.holders(Role::IncidentLead), previous.as_deref()), (vec!["Bo"], Some("Ana")));
        let (roles, _) = roles.assign(Role::SubjectExpert, "Cy").unwrap();
        let (roles, previous) = roles.assign(Role::SubjectExpert, "Di").unwrap();
        assert_eq!((roles.holders(Role::SubjectExpert), previous), (vec!["Cy", "Di"], None));
        assert!(roles.assign(Role::SubjectExpert, "cy").is_none(), "already holds it");
        assert!(roles.assign(Role::Scribe, "  ").is_none());
        let roles = roles.release(Role::SubjectExpert, "Cy").unwrap();
        assert_eq!(roles.holders(Role::SubjectExpert), ["Di"]);
        assert!(roles.release(Role::Scribe, "Cy").is_none());
    }

    #[test]
    fn people_need_a_name() {
        assert_eq!(Person::new(" ", "SRE", ""), Err(PersonError::EmptyName));
        let person = Person::new("Mei-Ling  Chen", " SRE ", " +886 2 1234 ").unwrap();
        assert_eq!((person.name(), person.team(), person.reach()), ("Mei-Ling Chen", "SRE", "+886 2 1234"));
    }
}
