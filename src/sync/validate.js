function (newDoc, oldDoc, userCtx, secObj) {
  // Sitrep's rule for an incident database (installed as _design/sitrep).
  // Server admins may do anything; design documents are theirs.
  if (userCtx.roles.indexOf('_admin') !== -1) {
    return;
  }
  var writer = userCtx.roles.indexOf('sitrep-writer') !== -1 ||
    (secObj && secObj.admins && secObj.admins.names && secObj.admins.names.indexOf(userCtx.name) !== -1);
  if (!writer) {
    throw({ forbidden: 'Only writers may add to this incident; you can read it.' });
  }
  if (newDoc._id.indexOf('_design/') === 0) {
    throw({ forbidden: 'Only a server admin may change the rules.' });
  }
  // The review's documents are edited: each revision, and each deletion of
  // the losing side of a conflict, names the writer who made it.
  if (newDoc._id === 'review' || newDoc._id.indexOf('review-') === 0) {
    if (newDoc.author !== userCtx.name) {
      throw({ forbidden: 'The author must be the signed-in writer.' });
    }
    return;
  }
  if (oldDoc && !oldDoc._deleted) {
    throw({ forbidden: 'What was recorded is never changed.' });
  }
  if (newDoc._deleted) {
    throw({ forbidden: 'What was recorded is never deleted.' });
  }
  if (newDoc.author !== userCtx.name) {
    throw({ forbidden: 'The author must be the signed-in writer.' });
  }
}
