extension Instrument {
    /// The instrument's sections: its outermost labelled groups.
    ///
    /// A group without a label (often a block made relevant on consent) is looked through, so its
    /// labelled groups become sections. Pages, manuals and summaries list these.
    public var sections: [Group] {
        func sections(in elements: [SurveyElement]) -> [Group] {
            elements.flatMap { element -> [Group] in
                guard case .group(let group) = element else { return [] }
                return group.label.isEmpty ? sections(in: group.children) : [group]
            }
        }
        return sections(in: elements)
    }
}

extension Group {
    /// Questions inside the group, at any depth, that an interviewer asks (calculations and metadata left out).
    public var askedQuestionCount: Int {
        Instrument(elements: children).questions.filter { !$0.type.isSilent }.count
    }
}
