/**
 * Synthetic name material typical of the main countries of origin. Combinations are random;
 * they describe no real person.
 */
export interface OriginProfile {
  nationality: string;
  languages: string[];
  weight: number;
  given: { female: string[]; male: string[] };
  family: string[];
  /** Share of people whose birth date is a 01.01. placeholder. */
  placeholderShare: number;
  residence: string[];
}

export const ORIGINS: OriginProfile[] = [
  {
    nationality: 'SYR',
    languages: ['ar', 'ku'],
    weight: 30,
    given: {
      female: ['Amina', 'Fatima', 'Rasha', 'Lina', 'Nour', 'Hiba', 'Rania', 'Yasmin'],
      male: ['Mohammed', 'Muhammad', 'Ahmad', 'Omar', 'Khaled', 'Yusuf', 'Mahmoud', 'Hassan'],
    },
    family: ['Al-Hassan', 'Alhasan', 'Haddad', 'Khalil', 'Al-Ahmad', 'Mansour', 'Darwish', 'Ibrahim', 'Othman'],
    placeholderShare: 0.3,
    residence: [
      'Aufenthaltserlaubnis § 25 Abs. 2 AufenthG',
      'Aufenthaltserlaubnis § 25 Abs. 1 AufenthG',
      'Niederlassungserlaubnis',
    ],
  },
  {
    nationality: 'AFG',
    languages: ['fa', 'ps'],
    weight: 18,
    given: {
      female: ['Zahra', 'Maryam', 'Farida', 'Shabnam', 'Parwana', 'Nazanin'],
      male: ['Ahmad', 'Mohammad', 'Ali', 'Hamid', 'Javid', 'Najib', 'Rahim'],
    },
    family: ['Ahmadi', 'Rahimi', 'Hakimi', 'Karimi', 'Sultani', 'Noori', 'Haidari'],
    placeholderShare: 0.5,
    residence: ['Aufenthaltsgestattung', 'Duldung', 'Aufenthaltserlaubnis § 25 Abs. 2 AufenthG'],
  },
  {
    nationality: 'UKR',
    languages: ['uk', 'ru'],
    weight: 22,
    given: {
      female: ['Olena', 'Iryna', 'Natalia', 'Oksana', 'Tetiana', 'Yuliia', 'Kateryna'],
      male: ['Oleksandr', 'Andrii', 'Serhii', 'Dmytro', 'Mykola', 'Volodymyr'],
    },
    family: ['Kovalenko', 'Shevchenko', 'Bondarenko', 'Tkachenko', 'Melnyk', 'Kravchenko', 'Oliinyk'],
    placeholderShare: 0,
    residence: ['Aufenthaltserlaubnis § 24 AufenthG'],
  },
  {
    nationality: 'IRQ',
    languages: ['ar', 'ku'],
    weight: 8,
    given: { female: ['Zainab', 'Huda', 'Sara', 'Noor'], male: ['Ali', 'Hussein', 'Mustafa', 'Haidar', 'Karim'] },
    family: ['Al-Jaburi', 'Al-Tamimi', 'Saleh', 'Abdullah', 'Jasim'],
    placeholderShare: 0.35,
    residence: ['Aufenthaltsgestattung', 'Aufenthaltserlaubnis § 25 Abs. 3 AufenthG'],
  },
  {
    nationality: 'TUR',
    languages: ['tr', 'ku'],
    weight: 10,
    given: { female: ['Ayşe', 'Elif', 'Zeynep', 'Emine'], male: ['Mehmet', 'Mustafa', 'Emre', 'Yusuf', 'Hüseyin'] },
    family: ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Öztürk'],
    placeholderShare: 0.05,
    residence: ['Aufenthaltsgestattung', 'Aufenthaltserlaubnis § 18a AufenthG'],
  },
  {
    nationality: 'ERI',
    languages: ['ti'],
    weight: 6,
    given: { female: ['Senait', 'Helen', 'Selam', 'Ruta'], male: ['Tesfaye', 'Yonas', 'Berhane', 'Filmon', 'Dawit'] },
    family: ['Tesfamariam', 'Ghebremedhin', 'Haile', 'Tekle', 'Mehari'],
    placeholderShare: 0.6,
    residence: ['Aufenthaltserlaubnis § 25 Abs. 2 AufenthG', 'Aufenthaltsgestattung'],
  },
];

export const ARABIC_SCRIPT: Record<string, string> = {
  Mohammed: 'محمد',
  Muhammad: 'محمد',
  Ahmad: 'أحمد',
  Omar: 'عمر',
  Amina: 'أمينة',
  Fatima: 'فاطمة',
  'Al-Hassan': 'الحسن',
  Alhasan: 'الحسن',
  Haddad: 'حداد',
};
