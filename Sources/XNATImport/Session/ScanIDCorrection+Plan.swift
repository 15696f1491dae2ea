extension ScanIDCorrection {
    /// The renames merging `incoming` into a session holding `existing` needs, in the order to apply them, or the
    /// conflict that forbids the merge.
    ///
    /// Checks, per incoming scan: an archived scan with the same ID and UID needs `allowSessionMerge`; one with
    /// the same ID and another non-empty UID needs `allowSessionMerge` and then causes a `numberTaken` rename;
    /// an archived scan with the same UID under another ID needs `overrideExceptions`.
    ///
    /// Numbering: with code `MR`, `4` becomes `4-MR1`, or `4-MR2` if that is taken too; an ID that already ends
    /// in `-MR<k>` keeps its stem (`4-MR1` → `4-MR2`). Same-ID clashes with an archived scan that has no UID are
    /// merged, not renamed, unless some other clash triggers the correction (as XNAT does).
    ///
    /// One deliberate difference: XNAT renames a scan to the ID of the archived scan with its UID only when the
    /// correction runs for another reason, so on its own such a scan (allowed by `overrideExceptions`) keeps its
    /// ID and a second scan with that UID appears. We always rename it, so files of one series stay in one scan.
    package static func plan(
        existing: [ExistingScan],
        incoming: [IncomingScan],
        allowSessionMerge: Bool,
        overrideExceptions: Bool
    ) throws(ScanConflict) -> [Rename] {
        var correctsNumbers = false
        for scan in incoming {
            let sameID = existing.first { $0.id == scan.id }
            if let sameID {
                if sameID.uid == scan.uid {
                    guard allowSessionMerge else { throw .sameUIDAndNumber(scanID: sameID.id) }
                } else if !(sameID.uid ?? "").isEmpty {
                    guard allowSessionMerge else { throw .sameNumberDifferentUID(scanID: sameID.id) }
                    correctsNumbers = true
                }
            }
            if sameID == nil, let sameUID = matchByUID(scan, in: existing), !overrideExceptions {
                throw .sameUIDDifferentNumber(scanID: sameUID.id)
            }
        }
        var usedIDs = existing.map(\.id)
        var renames: [Rename] = []
        var uidMatches: [Rename] = []
        for scan in incoming {
            if let match = matchByUID(scan, in: existing) {
                if match.id != scan.id {
                    uidMatches.append(Rename(from: scan.id, to: match.id, reason: .matchesExistingUID))
                }
                continue
            }
            guard correctsNumbers else { continue }
            let code = ScanKind.correctionCode(xsiType: scan.xsiType)
            let stem = stem(of: scan.id, code: code) ?? scan.id
            var id = scan.id
            var count = 1
            while usedIDs.contains(id) {
                id = stem + "-" + code + String(count)
                count += 1
            }
            usedIDs.append(id)
            if id != scan.id { renames.append(Rename(from: scan.id, to: id, reason: .numberTaken)) }
        }
        return renames + uidMatches
    }

    private static func matchByUID(_ scan: IncomingScan, in existing: [ExistingScan]) -> ExistingScan? {
        guard let uid = scan.uid, !uid.isEmpty else { return nil }
        return existing.first { $0.uid == uid }
    }

    /// The part before `-<code><digits>` at the end of `id` (`^.*-MR[0-9]+$`), if it ends that way.
    private static func stem(of id: String, code: String) -> String? {
        guard let dash = id.lastIndex(of: "-") else { return nil }
        let suffix = id[id.index(after: dash)...]
        guard suffix.hasPrefix(code) else { return nil }
        let digits = suffix.dropFirst(code.count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(id[..<dash])
    }
}
