#!/usr/bin/env node
// Sets up a CouchDB-protocol server for Sitrep's team sync (README.md, "Team sync").
//
//   node scripts/couch-setup.mjs --server URL --admin NAME:PASSWORD [options]
//
//   --create-admin          create the admin first (a server in "admin party" mode,
//                           such as a fresh pouchdb-server; Apache CouchDB 3 has its
//                           admin from installation)
//   --origin ORIGIN         allow Sitrep at ORIGIN (CORS with credentials), repeatable
//   --same-site VALUE       the session cookie's SameSite (CouchDB 3: chttpd_auth/same_site;
//                           "none" when Sitrep is served from another site, over https)
//   --writer NAME:PASSWORD  a responder who may add entries (role sitrep-writer), repeatable
//   --viewer NAME:PASSWORD  a user who may only read (role sitrep-viewer), repeatable
//   --database NAME --lead USER
//                           create an incident database with Sitrep's rules (its
//                           _security and the validate_doc_update design document
//                           of src/sync/validate.js), for leads who are not server
//                           admins; Sitrep does the same when a server admin shares
//   --team NAME --team-admin USER [--team-member USER]
//                           create the team workspace database sitrep-team-NAME (the
//                           team's runbooks, ladder, people and catalog): its admins
//                           (repeatable; also anyone with the role sitrep-admin) change
//                           it, its members (repeatable) only read it; _security and
//                           the design document of src/sync/validate_team.js
//
// Every step can be run again: what exists is updated or kept.

import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

function parse(argv) {
  const options = { origins: [], writers: [], viewers: [], teamAdmins: [], teamMembers: [], createAdmin: false };
  for (let i = 0; i < argv.length; i++) {
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    switch (argv[i]) {
      case "--server": options.server = value().replace(/\/+$/, ""); break;
      case "--admin": options.admin = value(); break;
      case "--create-admin": options.createAdmin = true; break;
      case "--origin": options.origins.push(value()); break;
      case "--same-site": options.sameSite = value(); break;
      case "--writer": options.writers.push(value()); break;
      case "--viewer": options.viewers.push(value()); break;
      case "--database": options.database = value(); break;
      case "--lead": options.lead = value(); break;
      case "--team": options.team = value(); break;
      case "--team-admin": options.teamAdmins.push(value()); break;
      case "--team-member": options.teamMembers.push(value()); break;
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  if (!options.server || !options.admin) throw new Error("--server and --admin are required");
  if (!options.admin.includes(":")) throw new Error("--admin is NAME:PASSWORD");
  if (Boolean(options.database) !== Boolean(options.lead)) throw new Error("--database and --lead go together");
  if (options.team) {
    options.team = options.team.trim().toLowerCase().replace(/^sitrep-team-/, "");
    if (!/^[a-z0-9_-]+$/.test(options.team)) throw new Error("--team is lower case letters, digits, - and _");
    if (options.teamAdmins.length === 0) throw new Error("--team needs at least one --team-admin");
  } else if (options.teamAdmins.length + options.teamMembers.length > 0) {
    throw new Error("--team-admin and --team-member go with --team");
  }
  return options;
}

function split(pair) {
  const at = pair.indexOf(":");
  if (at < 1) throw new Error(`${pair} is not NAME:PASSWORD`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

async function main() {
  const options = parse(process.argv.slice(2));
  const [adminName, adminPassword] = split(options.admin);
  const auth = "Basic " + Buffer.from(`${adminName}:${adminPassword}`).toString("base64");

  async function call(method, path, body, { anonymous = false, allow = [] } = {}) {
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    if (!anonymous) headers.Authorization = auth;
    const response = await fetch(`${options.server}/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok && !allow.includes(response.status)) {
      throw new Error(`${method} /${path}: ${response.status} ${text}`);
    }
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  // Apache CouchDB 3 keeps its configuration under /_node/_local/_config;
  // pouchdb-server under /_config (with CORS in the httpd section).
  const probe = await call("GET", "_node/_local/_config", undefined, { allow: [400, 404, 401] });
  const couch3 = probe.status === 200;
  async function config(section, key, value) {
    const base = couch3 ? "_node/_local/_config" : "_config";
    await call("PUT", `${base}/${section}/${key}`, String(value), { anonymous: false });
  }

  if (options.createAdmin) {
    // Anonymous while the server has no admin; with the credentials if it has
    // (the setup run again).
    const path = `_config/admins/${encodeURIComponent(adminName)}`;
    const made = await call("PUT", path, adminPassword, { anonymous: true, allow: [401] });
    if (made.status === 401) await call("PUT", path, adminPassword);
  }

  if (options.origins.length > 0) {
    await config(couch3 ? "chttpd" : "httpd", "enable_cors", "true");
    await config("cors", "origins", options.origins.join(", "));
    await config("cors", "credentials", "true");
    await config("cors", "methods", "GET, PUT, POST, HEAD, DELETE");
    await config("cors", "headers", "accept, authorization, content-type, origin, referer");
  }
  if (options.sameSite) {
    await config(couch3 ? "chttpd_auth" : "couch_httpd_auth", "same_site", options.sameSite);
  }

  const users = [
    ...options.writers.map((pair) => [...split(pair), "sitrep-writer"]),
    ...options.viewers.map((pair) => [...split(pair), "sitrep-viewer"]),
  ];
  for (const [name, password, role] of users) {
    const id = `org.couchdb.user:${name}`;
    const path = `_users/${encodeURIComponent(id)}`;
    const old = await call("GET", path, undefined, { allow: [404] });
    const doc = { _id: id, name, password, roles: [role], type: "user" };
    if (old.status === 200) doc._rev = old.body._rev;
    await call("PUT", path, doc);
  }

  // A database with its _security and Sitrep's validate_doc_update.
  async function database(name, security, rules) {
    const db = encodeURIComponent(name);
    await call("PUT", db, undefined, { allow: [412] });
    await call("PUT", `${db}/_security`, security);
    const validate = await readFile(join(here, "..", "src", "sync", rules), "utf8");
    const old = await call("GET", `${db}/_design/sitrep`, undefined, { allow: [404] });
    const design = { _id: "_design/sitrep", validate_doc_update: validate };
    if (old.status === 200) design._rev = old.body._rev;
    await call("PUT", `${db}/_design/sitrep`, design);
  }

  if (options.database) {
    await database(options.database, {
      admins: { names: [options.lead], roles: [] },
      members: { names: [], roles: ["sitrep-writer", "sitrep-viewer"] },
    }, "validate.js");
  }
  if (options.team) {
    // The members list is never empty (an empty one would open the database to
    // every user): the admins read it too.
    const readers = [...new Set([...options.teamAdmins, ...options.teamMembers])];
    await database(`sitrep-team-${options.team}`, {
      admins: { names: options.teamAdmins, roles: ["sitrep-admin"] },
      members: { names: readers, roles: [] },
    }, "validate_team.js");
  }
  console.log(`set up ${options.server}${couch3 ? " (CouchDB 3)" : ""}`);
}

main().catch((error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
