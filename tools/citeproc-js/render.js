#!/usr/bin/env node
// Renders CSL-JSON items and citation clusters with citeproc-js (the engine Zotero uses) and writes the
// expected strings that tests/test_render*.py compare zotero-cw's citeproc-py output with.
//
// usage: node render.js ITEMS.json CLUSTERS.json LOCALES_DIR OUT.json STYLE.csl...
// OUT.json: {"<style name>": {"<format>": {"first": {id: note}, "short": {id: note},
//            "bibliography": [entry...], "footnotes": [[noteIndex, note]...]}}}
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const [itemsPath, clustersPath, localesDir, outPath, ...stylePaths] = process.argv.slice(2);
const FORMATS = ["text", "html", "rtf"];

const items = JSON.parse(fs.readFileSync(itemsPath, "utf8")).map((it) => {
  const copy = { ...it };
  delete copy.custom; // zotero-cw's own data, never given to the engine
  return copy;
});
// zotero-cw's render input (tools/render_input.py) marks the pages a cite without a locator cites
const DEFAULT_LOCATOR = "zotero-cw-default-locator";
const byId = Object.fromEntries(items.map((it) => [String(it.id), it]));
const withDefault = (ci) => {
  const page = (byId[String(ci.id)] || {})[DEFAULT_LOCATOR];
  return ci.locator || !page ? ci : { ...ci, locator: page, label: "page" };
};
const clusters = (clustersPath === "-" ? [] : JSON.parse(fs.readFileSync(clustersPath, "utf8"))).map((c) => ({
  ...c, citationItems: c.citationItems.map(withDefault) }));
// and, for a file-level archival unit, the variant its short notes are rendered from (CMOS shortened form)
const SHORT = "#zotero-cw-short";
const ids = items.map((it) => String(it.id)).filter((id) => !id.endsWith(SHORT));
const shortOf = (id) => (byId[id + SHORT] ? id + SHORT : id);

const sys = {
  retrieveLocale: (lang) => {
    const file = path.join(localesDir, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem: (id) => byId[id],
};

function engine(styleXml, format) {
  const e = new CSL.Engine(sys, styleXml, "en-US", true);
  e.setOutputFormat(format);
  return e;
}

function clean(s) {
  // citeproc-js wraps html bibliography entries in divs; keep the entry text only
  return s.replace(/^\s*<div class="csl-entry">/, "").replace(/<\/div>\s*$/, "").trim();
}

const out = {};
for (const stylePath of stylePaths) {
  const name = path.basename(stylePath, ".csl");
  const styleXml = fs.readFileSync(stylePath, "utf8");
  out[name] = {};
  for (const format of FORMATS) {
    const res = { first: {}, short: {}, bibliography: [], footnotes: [] };
    let e = engine(styleXml, format);
    e.updateItems(ids);
    for (const id of ids) {
      res.first[id] = e.makeCitationCluster([withDefault({ id, position: CSL.POSITION_FIRST })]);
      res.short[id] = e.makeCitationCluster([withDefault({ id: shortOf(id), position: CSL.POSITION_SUBSEQUENT })]);
    }
    const bib = e.makeBibliography();
    if (bib) res.bibliography = bib[1].map(clean);
    if (clusters.length) {
      e = engine(styleXml, format);
      const built = e.rebuildProcessorState(clusters, format);
      res.footnotes = built.map(([citationID, noteIndex, text]) => {
        // a subsequent cite of a file-level unit: the cluster again, with the positions citeproc-js gave it
        const sorted = e.registry.citationreg.citationById[citationID].sortedItems;
        if (!sorted.some(([it, ci]) => ci.position === CSL.POSITION_SUBSEQUENT && shortOf(String(it.id)) !== String(it.id))) {
          return [noteIndex, text];
        }
        const again = sorted.map(([it, ci]) => ({ ...ci, id: ci.position === CSL.POSITION_SUBSEQUENT ? shortOf(String(it.id)) : String(it.id) }));
        return [noteIndex, e.makeCitationCluster(again)];
      });
    }
    out[name][format] = res;
  }
}
fs.writeFileSync(outPath, JSON.stringify(out, null, 1) + "\n");
