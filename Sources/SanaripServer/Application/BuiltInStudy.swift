import SanaripCore

/// The study the workbench was built for, created on first start.
enum BuiltInStudy {
    static let id = "digital-divide-kg"

    static let study = Study(
        id: id,
        title: LocalizedText([
            "Kyrgyz (ky)": "Санариптик ажырым: Ысык-Көл жана Ош облустары",
            "Russian (ru)": "Цифровой разрыв: Иссык-Кульская и Ошская области",
            "English (en)": "Digital divide: Issyk-Kul and Osh oblasts",
        ]),
        summary: LocalizedText([
            "Kyrgyz (ky)": "Ысык-Көл жана Ош облустарындагы үй чарбаларынын интернетке жеткиликтүүлүгүн, санариптик көндүмдөрүн жана мамлекеттик санариптик кызматтарды колдонуусун изилдөө.",
            "Russian (ru)": "Исследование доступа домохозяйств к интернету, цифровых навыков и использования государственных цифровых услуг в Иссык-Кульской и Ошской областях.",
            "English (en)": "A survey of household internet access, digital skills and use of public digital services in the Issyk-Kul and Osh oblasts.",
        ]),
        regions: ["issyk-kul", "osh"]
    )
}
