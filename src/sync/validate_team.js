function (newDoc, oldDoc, userCtx, secObj) {
  // Sitrep's rule for a team workspace database (installed as _design/sitrep):
  // every member reads; only the team's admins write, as themselves.
  var roles = userCtx.roles || [];
  if (roles.indexOf('_admin') !== -1) {
    return;
  }
  var admins = (secObj && secObj.admins) || {};
  var names = admins.names || [];
  var adminRoles = admins.roles || [];
  var admin = roles.indexOf('sitrep-admin') !== -1 || names.indexOf(userCtx.name) !== -1;
  for (var i = 0; i < roles.length; i++) {
    if (adminRoles.indexOf(roles[i]) !== -1) {
      admin = true;
    }
  }
  if (!admin) {
    throw({ forbidden: 'Only the team\'s admins change the team workspace; you can read it.' });
  }
  if (newDoc._id.indexOf('_design/') === 0) {
    throw({ forbidden: 'Only a server admin may change the rules.' });
  }
  if (newDoc.author !== userCtx.name) {
    throw({ forbidden: 'The author must be the signed-in admin.' });
  }
  if (newDoc._id.indexOf('runbook/') === 0 && oldDoc && !oldDoc._deleted) {
    throw({ forbidden: 'A runbook version is never changed; save a new version.' });
  }
}
