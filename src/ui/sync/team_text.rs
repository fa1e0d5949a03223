//! Messages of the team workspace, in every language.

/// The messages of the settings page's "Team workspace" section and of the
/// team-managed records elsewhere, in one language.
#[cfg_attr(test, derive(serde::Serialize))]
pub struct TeamText {
    pub section: &'static str,
    pub intro: &'static str,
    pub team: &'static str,
    pub team_hint: &'static str,
    pub connect: &'static str,
    pub connecting: &'static str,
    pub bad_team: &'static str,
    pub no_team: &'static str,
    pub following: &'static str,
    pub admin: &'static str,
    pub member: &'static str,
    pub signed_out: &'static str,
    pub stop: &'static str,
    pub stopped: &'static str,
    pub conflicts_title: &'static str,
    pub conflict: &'static str,
    pub conflict_removed: &'static str,
    pub take_theirs: &'static str,
    pub take_theirs_aria: &'static str,
    pub keep_mine: &'static str,
    pub keep_mine_aria: &'static str,
    pub the_ladder: &'static str,
    pub managed: &'static str,
    pub managed_section: &'static str,
    pub managed_here: &'static str,
    pub read_only: &'static str,
}

pub static EN: TeamText = TeamText {
    section: "Team workspace",
    intro: "Follow your team's workspace on your CouchDB server: its severity ladder, people, service catalog \
            and runbooks come to this browser and stay here offline. Everyone in the team reads them; only its \
            admins change them.",
    team: "Team name",
    team_hint: "The team's name, like ops (its database is sitrep-team-ops)",
    connect: "Connect to the team workspace",
    connecting: "Connecting…",
    bad_team: "Enter the team's name: lower case letters, digits, - and _.",
    no_team: "The server has no such team workspace. Ask an admin to create it with the setup command.",
    following: "Following the team workspace {database} on {server} as {user}.",
    admin: "You are an admin of this team workspace: your changes to the ladder, people, catalog and runbooks are \
            sent to the team.",
    member: "You are a member of this team workspace: what the team manages is read-only here; only its admins \
             change it. What you add stays in this browser.",
    signed_out: "Signed out of the team server. Sign in again below.",
    stop: "Stop following",
    stopped: "This browser no longer follows the team workspace. What it brought stays here, as your own.",
    conflicts_title: "Changed here and by the team",
    conflict: "{name} was changed here and by {author} in the team workspace. Both are kept until you choose.",
    conflict_removed: "{name} was changed here and removed from the team workspace. Both are kept until you choose.",
    take_theirs: "Use the team's version",
    take_theirs_aria: "Use the team's version of {name}",
    keep_mine: "Keep mine",
    keep_mine_aria: "Keep mine: {name}, sent to the team",
    the_ladder: "The severity ladder",
    managed: "Managed by the team",
    managed_section: "The team workspace manages what is marked \"Managed by the team\": it is read-only here.",
    managed_here: "Managed by the team: the team workspace manages these, so they are read-only here; only its \
                   admins change them.",
    read_only: "This is managed by the team workspace and is read-only here: only the team's admins change it.",
};

pub static ZH_TW: TeamText = TeamText {
    section: "團隊工作區",
    intro: "在您的 CouchDB 伺服器上追蹤團隊的工作區：其嚴重度等級、人員、服務目錄與執行手冊會傳到此瀏覽器，離線時也保留在這裡。\
            團隊中的每個人都能讀取；只有其管理員能變更。",
    team: "團隊名稱",
    team_hint: "團隊名稱，例如 ops（其資料庫為 sitrep-team-ops）",
    connect: "連線到團隊工作區",
    connecting: "正在連線…",
    bad_team: "請輸入團隊名稱：小寫字母、數字、- 與 _。",
    no_team: "伺服器上沒有這個團隊工作區。請管理員以設定指令建立。",
    following: "正在以 {user} 身分追蹤 {server} 上的團隊工作區 {database}。",
    admin: "您是此團隊工作區的管理員：您對嚴重度等級、人員、服務目錄與執行手冊的變更會傳送給團隊。",
    member: "您是此團隊工作區的成員：團隊管理的內容在此為唯讀；只有其管理員能變更。您新增的內容只留在此瀏覽器。",
    signed_out: "已登出團隊伺服器。請在下方重新登入。",
    stop: "停止追蹤",
    stopped: "此瀏覽器已不再追蹤團隊工作區。它帶來的內容仍保留在此，歸您所有。",
    conflicts_title: "此處與團隊都變更過",
    conflict: "{name} 在此處與團隊工作區中（由 {author}）都被變更過。在您選擇之前，兩者都會保留。",
    conflict_removed: "{name} 在此處被變更過，並已從團隊工作區移除。在您選擇之前，兩者都會保留。",
    take_theirs: "使用團隊的版本",
    take_theirs_aria: "使用團隊的版本：{name}",
    keep_mine: "保留我的",
    keep_mine_aria: "保留我的：{name}，並傳送給團隊",
    the_ladder: "嚴重度等級",
    managed: "由團隊管理",
    managed_section: "團隊工作區管理標示為「由團隊管理」的內容：在此為唯讀。",
    managed_here: "由團隊管理：這些由團隊工作區管理，在此為唯讀；只有其管理員能變更。",
    read_only: "這由團隊工作區管理，在此為唯讀：只有團隊的管理員能變更。",
};
