#!/usr/bin/env node
// Times citeproc-js on the benchmark data: all clusters as a document's notes, then the bibliography.
// usage: node bench.js ITEMS.json CLUSTERS.json LOCALES_DIR STYLE.csl  -> prints seconds as JSON
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const [itemsPath, clustersPath, localesDir, stylePath] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const clusters = JSON.parse(fs.readFileSync(clustersPath, "utf8"));
const byId = Object.fromEntries(items.map((it) => [String(it.id), it]));
const sys = {
  retrieveLocale: (lang) => fs.readFileSync(path.join(localesDir, `locales-${lang}.xml`), "utf8"),
  retrieveItem: (id) => byId[id],
};
const style = fs.readFileSync(stylePath, "utf8");
let t0 = process.hrtime.bigint();
const e = new CSL.Engine(sys, style, "en-US", true);
e.setOutputFormat("text");
const notes = e.rebuildProcessorState(clusters, "text");
const t1 = process.hrtime.bigint();
const e2 = new CSL.Engine(sys, style, "en-US", true);
e2.setOutputFormat("text");
e2.updateItems(items.map((it) => String(it.id)));
const bib = e2.makeBibliography();
const t2 = process.hrtime.bigint();
console.log(JSON.stringify({ notes: Number(t1 - t0) / 1e9, bibliography: Number(t2 - t1) / 1e9,
  n_notes: notes.length, n_entries: bib[1].length }));
