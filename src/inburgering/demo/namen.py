"""Hand-written name lists per country of origin (Latin script), with languages and weights.

The lists are short on purpose: enough variety for a believable caseload, no real persons.
`gezinsnaam` says how a child's surname is formed: "vader" (father's surname, most countries) or
"voornaam_vader" (Eritrea, Ethiopia, Somalia: the father's first name becomes the child's second
name, which we use as geslachtsnaam).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Herkomst:
    land: str
    talen: tuple[str, ...]
    mannen: tuple[str, ...]
    vrouwen: tuple[str, ...]
    achternamen: tuple[str, ...]
    gezinsnaam: str = "vader"
    tolk_kans: float = 0.6


def _t(text: str) -> tuple[str, ...]:
    return tuple(word.replace("_", " ") for word in text.split())


HERKOMST: dict[str, Herkomst] = {
    "SY": Herkomst(
        "SY",
        ("ar", "ku"),
        _t(
            "Mohammed Ahmad Omar Khaled Yousef Hassan Ali Mahmoud Rami Samer Bashar Fadi Ammar "
            "Majd Tarek Nabil Hussam Anas Wael Ibrahim"
        ),
        _t(
            "Fatima Rania Lama Nour Hala Reem Aya Dima Layla Maya Rasha Hiba Sawsan Yasmin Ghada "
            "Amal Rahaf Sara Bushra Lina"
        ),
        _t(
            "Al-Hassan Haddad Khalil Darwish Hamdan Sabbagh Kanaan Nasser Saleh Al-Ahmad Mansour "
            "Shami Hijazi Haj-Ali Kurdi Othman Jaber Masri Halabi Zaher"
        ),
    ),
    "ER": Herkomst(
        "ER",
        ("ti", "ar"),
        _t(
            "Yonas Tesfay Dawit Filmon Biniam Samuel Mehari Habtom Kibrom Aron Michael Robel "
            "Teklay Ermias Senay Yohannes Simon Natnael"
        ),
        _t(
            "Selam Helen Senait Luwam Mebrat Saba Eden Winta Rahel Hiwet Feven Ruth Semhar "
            "Yordanos Lidya Hanna Tsega Mhret"
        ),
        _t(
            "Tesfamariam Gebremedhin Haile Berhane Ghebreyesus Weldemichael Kidane Tekle Mebrahtu "
            "Asmerom Habte Ghirmay Yemane Okbay Andemariam Zerai"
        ),
        gezinsnaam="voornaam_vader",
        tolk_kans=0.8,
    ),
    "AF": Herkomst(
        "AF",
        ("prs", "ps", "fa"),
        _t(
            "Ahmad Mohammad Abdul Naweed Farid Jawid Ahmadullah Hamid Sayed Mustafa Rahim Karim "
            "Nasir Zabihullah Wahid Sohail Ezatullah"
        ),
        _t(
            "Mariam Zahra Fatima Shabnam Roya Parwana Nargis Farzana Malalai Sima Mursal Hosai "
            "Laila Zarghona Nilofar Frishta"
        ),
        _t(
            "Ahmadzai Hakimi Rahimi Karimi Noori Sultani Haidari Hashimi Popal Stanikzai Amiri "
            "Safi Mohammadi Wardak Barakzai Qaderi"
        ),
        tolk_kans=0.75,
    ),
    "TR": Herkomst(
        "TR",
        ("tr", "ku"),
        _t(
            "Mehmet Mustafa Ahmet Ali Hüseyin Hasan İbrahim Murat Emre Burak Serkan Can Yusuf "
            "Kemal Osman Baran Deniz Eren"
        ),
        _t(
            "Ayşe Fatma Emine Hatice Zeynep Elif Meryem Sultan Hülya Esra Büşra Derya Gül Merve "
            "Sevda Leyla Berfin Rojda"
        ),
        _t(
            "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "
            "Kılıç Aslan Çetin Kara Koç Kurt"
        ),
        tolk_kans=0.4,
    ),
    "UA": Herkomst(
        "UA",
        ("uk", "ru"),
        _t(
            "Oleksandr Andrii Dmytro Serhii Mykola Volodymyr Ivan Yurii Vasyl Taras Bohdan "
            "Maksym Oleh Artem Pavlo"
        ),
        _t(
            "Olena Nataliia Tetiana Iryna Oksana Yuliia Kateryna Svitlana Mariia Anastasiia "
            "Liudmyla Halyna Viktoriia Sofiia Daryna"
        ),
        _t(
            "Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Boiko Kovalchuk "
            "Oliinyk Shevchuk Polishchuk Lysenko Marchenko Rudenko Savchenko"
        ),
        tolk_kans=0.35,
    ),
    "MA": Herkomst(
        "MA",
        ("ar", "ber", "fr"),
        _t(
            "Mohamed Youssef Said Rachid Hamid Abdelkader Karim Mustapha Hicham Nabil Adil "
            "Khalid Omar Soufiane Anouar Ilias"
        ),
        _t(
            "Fatima Khadija Naima Malika Samira Latifa Zineb Hanane Imane Nadia Meryem Souad "
            "Houda Salma Ikram Chaima"
        ),
        _t(
            "El_Amrani Benali Bouzid Ouali Ait_Taleb El_Idrissi Tahiri Ziani Belhaj Chakir "
            "Boukhari Azzouzi El_Moussaoui Haddouchi Bakkali"
        ),
        tolk_kans=0.35,
    ),
    "IQ": Herkomst(
        "IQ",
        ("ar", "ku"),
        _t(
            "Ali Hussein Haider Mustafa Ahmed Karrar Abbas Omar Zaid Yasir Sajjad Murtadha "
            "Hasan Dilshad Rebwar"
        ),
        _t(
            "Zainab Maryam Noor Fatima Sara Shahad Ruqaya Huda Iman Ban Ahlam Shilan Rozhan "
            "Zahraa Aseel"
        ),
        _t(
            "Al-Jubouri Al-Obaidi Al-Saadi Al-Tamimi Al-Rubaie Kareem Jabbar Mahdi Barzani "
            "Hawrami Shwani Abdullah Al-Zubaidi"
        ),
    ),
    "YE": Herkomst(
        "YE",
        ("ar",),
        _t("Abdullah Mohammed Ahmed Saleh Ali Hamza Fuad Adel Nabil Waleed Hisham Khaled Tawfiq"),
        _t("Amat Fatima Nadia Huda Arwa Ebtisam Hanan Samah Wafa Afrah Sumaya Entesar"),
        _t(
            "Al-Haddad Al-Sharabi Al-Adeni Al-Hamdani Ba-Wazir Al-Shami Al-Kibsi Al-Maqtari "
            "Al-Aghbari Al-Ansi Al-Yafei"
        ),
    ),
    "SO": Herkomst(
        "SO",
        ("so", "ar"),
        _t("Abdirahman Mohamed Abdi Hassan Ahmed Ismail Yusuf Abdullahi Omar Mahad Liban Bashir"),
        _t("Hodan Amina Fadumo Halima Sahra Ifrah Hamdi Asha Nasra Ubah Faiza Sagal"),
        _t("Warsame Farah Hirsi Jama Osman Aden Abdulle Nur Egal Guled Samatar Dualeh"),
        gezinsnaam="voornaam_vader",
        tolk_kans=0.7,
    ),
    "IR": Herkomst(
        "IR",
        ("fa",),
        _t("Reza Ali Mohammad Hossein Mehdi Amir Saeed Babak Arash Kaveh Dariush Farshad Omid"),
        _t("Maryam Zahra Fatemeh Shirin Parisa Leila Narges Niloufar Mahsa Sara Roya Azadeh"),
        _t(
            "Mohammadi Hosseini Ahmadi Karimi Rezaei Moradi Jafari Rahimi Sadeghi Kazemi "
            "Ebrahimi Tehrani"
        ),
        tolk_kans=0.5,
    ),
    "IN": Herkomst(
        "IN",
        ("hi", "en"),
        _t("Rahul Amit Vikram Arjun Rohan Suresh Sanjay Karthik Pradeep Anil Rajesh Vijay"),
        _t("Priya Anjali Deepa Kavya Neha Pooja Sunita Lakshmi Divya Meera Shreya Ananya"),
        _t("Sharma Patel Singh Kumar Reddy Iyer Nair Gupta Rao Menon Pillai Desai"),
        tolk_kans=0.05,
    ),
    "BR": Herkomst(
        "BR",
        ("pt",),
        _t("João Pedro Lucas Gabriel Rafael Felipe Gustavo Thiago Bruno Rodrigo Marcelo"),
        _t("Ana Maria Juliana Fernanda Camila Beatriz Larissa Mariana Patrícia Aline Carolina"),
        _t("Silva Santos Oliveira Souza Pereira Costa Rodrigues Almeida Nascimento Lima Ferreira"),
        tolk_kans=0.15,
    ),
    "PH": Herkomst(
        "PH",
        ("tl", "en"),
        _t("Jose Mark John Michael Christian Jerome Paolo Ramon Carlo Miguel"),
        _t("Maria Kristine Joy Angelica Mary_Grace Jasmine Princess Rowena Catherine Liezl"),
        _t("Santos Reyes Cruz Bautista Garcia Mendoza Dela_Cruz Villanueva Ramos Aquino Castillo"),
        tolk_kans=0.05,
    ),
    "CN": Herkomst(
        "CN",
        ("zh",),
        _t("Wei Jun Hao Lei Yang Jian Ming Qiang Tao Chen"),
        _t("Li Na Fang Jing Xiu Ying Mei Hui Yan Ling"),
        _t("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun"),
        tolk_kans=0.5,
    ),
}

#: Countries of origin and their weight, per doelgroep. Ukrainians under temporary protection are
#: not inburgeringsplichtig; Ukrainians here are family or other migrants.
HERKOMST_GEWICHT = {
    "asielstatushouder": {
        "SY": 38,
        "ER": 13,
        "AF": 10,
        "TR": 12,
        "YE": 6,
        "IQ": 5,
        "IR": 4,
        "SO": 4,
    },
    "gezinsmigrant_overig": {
        "TR": 14,
        "MA": 14,
        "UA": 10,
        "IN": 12,
        "SY": 10,
        "BR": 6,
        "PH": 6,
        "CN": 6,
        "ER": 5,
        "AF": 4,
        "IR": 3,
    },
}

#: Dutch staff names for generated consulenten and teamleiders.
MEDEWERKER_VOORNAMEN = _t(
    "Anne Sanne Lisa Eva Fleur Iris Marloes Judith Esther Karin Femke Noor Yara Samira Fatma "
    "Mark Bas Joost Thijs Ruben Pieter Jeroen Martijn Sander Youssef Mehmet Kevin Daan Hamza"
)
MEDEWERKER_ACHTERNAMEN = _t(
    "Jansen de_Vries van_den_Berg Bakker Visser Smit Meijer de_Boer Mulder de_Groot Bos Vos "
    "Peters Hendriks van_Leeuwen Dekker Brouwer de_Wit Dijkstra Kaya El_Khatib Yilmaz Bouali"
)

STRATEN = _t(
    "Kerkstraat Molenweg Dorpsstraat Stationsweg Schoolstraat Julianastraat Beatrixlaan "
    "Wilhelminastraat Lindenlaan Eikenlaan Prins_Bernhardstraat Oranjestraat Meidoornstraat "
    "Zonnebloemstraat Vlierweg Kastanjelaan Rembrandtlaan Vermeerstraat Marktstraat Havenweg"
)
