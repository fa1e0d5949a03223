// Loaded (`node --require`) into the tests' pouchdb-server, to make it keep a
// replicated revision's history the way Apache CouchDB does.
//
// pouchdb-server 4.2.0 checks every write with its validation plugin
// (pouchdb-validation), which sets the `_revisions` of the document being
// written to those of the revision stored before, so a document sent with
// `new_edits: false` and its history (`_revisions`: the new revision and the
// one it was edited from) is stored as the old revision again. CouchDB keeps
// the history it is sent: that is how a replica's edit of a document another
// replica edited too becomes a conflict the server keeps. Here each document's
// own `_revisions` is pinned before the plugin sees it; nothing else changes.
"use strict";
const Module = require("module");
const load = Module._load;
Module._load = function (request) {
  const exported = load.apply(this, arguments);
  if (request === "pouchdb-validation" && !exported.sitrepKeepsRevisions) {
    const install = exported.installValidationMethods;
    exported.installValidationMethods = function () {
      const result = install.apply(this, arguments);
      const validating = this.bulkDocs;
      this.bulkDocs = function (body) {
        const docs = Array.isArray(body) ? body : (body && body.docs) || [];
        for (const doc of docs) {
          if (doc && typeof doc === "object" && Object.prototype.hasOwnProperty.call(doc, "_revisions")) {
            const kept = doc._revisions;
            Object.defineProperty(doc, "_revisions", {
              get: () => kept,
              set: () => {},
              enumerable: true,
              configurable: true,
            });
          }
        }
        return validating.apply(this, arguments);
      };
      return result;
    };
    exported.sitrepKeepsRevisions = true;
  }
  return exported;
};
