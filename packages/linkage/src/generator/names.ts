/**
 * Name pools for the synthetic population. Every entry lists spellings that really occur for
 * one name (from transliteration practice of passports, German authorities and English/French
 * usage), most common first, plus the original-script form where the culture writes one.
 * Combinations are drawn at random, so generated persons are never real people.
 *
 * Line format: `weight|variant/variant/...|original script|female variants|female script`.
 * Variants of Arabic family names with the article are given without it and marked `al:`; the
 * generator renders the article the way agencies do (Al-, Al , El-, attached, dropped).
 */

export interface NameEntry {
  readonly weight: number;
  readonly variants: readonly string[];
  readonly script?: string;
  /** Family names with an Arabic article (rendered variably). */
  readonly article: boolean;
  /** Gendered family names (Ukrainian -skyi/-ska): female forms. */
  readonly femaleVariants?: readonly string[];
  readonly femaleScript?: string;
}

function parse(block: string): NameEntry[] {
  return block
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .map((line) => {
      const [w, v, script, fv, fscript] = line.split('|');
      const article = v!.startsWith('al:');
      const variants = (article ? v!.slice(3) : v!).split('/');
      return {
        weight: Number(w),
        variants,
        article,
        ...(script ? { script } : {}),
        ...(fv ? { femaleVariants: fv.split('/') } : {}),
        ...(fscript ? { femaleScript: fscript } : {}),
      };
    });
}

export const ARABIC_MALE = parse(`
60|Mohammed/Muhammad/Mohamad/Mohamed/Mohammad/Muhammed/Mouhamad|محمد
25|Ahmad/Ahmed/Achmed/Ahmet|أحمد
16|Ali/Aly|علي
15|Mahmoud/Mahmud/Mahmood/Machmud|محمود
14|Khaled/Khalid/Chaled/Khaleed/Chalid|خالد
12|Omar/Umar/Omer|عمر
12|Hussein/Husein/Hussain/Husain/Hossein|حسين
12|Hassan/Hasan/Hasen|حسن
10|Abdullah/Abdallah/Abdulla/Abdalla|عبد الله
10|Mustafa/Moustafa/Mostafa/Mustapha|مصطفى
10|Yousef/Yusuf/Youssef/Yussuf/Jussuf/Yousif|يوسف
9|Ibrahim/Ebrahim/Ibraheem/Ibrahem|إبراهيم
9|Abdulrahman/Abdul Rahman/Abdelrahman/Abd al-Rahman/Abdurrahman|عبد الرحمن
7|Amer/Aamer|عامر
7|Samer/Sammer|سامر
7|Rami/Ramy|رامي
7|Fadi/Fady|فادي
6|Bashar/Baschar|بشار
7|Jamal/Gamal/Djamal/Dschamal|جمال
7|Tarek/Tariq/Tarik/Tareq|طارق
7|Walid/Waleed/Walied|وليد
6|Majed/Majid/Maged/Madschid|ماجد
6|Ammar/Amar|عمار
6|Anas|أنس
6|Bilal/Belal|بلال
6|Hamza/Hamzah/Hamsa|حمزة
6|Karim/Kareem|كريم
6|Saleh/Salih|صالح
6|Suleiman/Sulaiman/Sleiman/Soliman|سليمان
6|Ziad/Ziyad/Zeyad|زياد
5|Firas/Feras|فراس
5|Wael/Wail|وائل
5|Osama/Usama/Ousama|أسامة
5|Zakaria/Zakariya/Zakariyya|زكريا
5|Yassin/Yasin/Yaseen/Jassin|ياسين
5|Abdulkarim/Abdul Karim/Abdelkarim|عبد الكريم
5|Mazen/Mazin|مازن
5|Nabil/Nabeel|نبيل
5|Adnan|عدنان
4|Ayman/Aiman|أيمن
4|Haitham/Haytham/Heitham|هيثم
4|Radwan/Ridwan/Redwan|رضوان
4|Qasim/Kassem/Kasim/Qassem|قاسم
4|Ismail/Ismael/Esmail|إسماعيل
4|Tamer/Tamir|تامر
4|Louay/Luay/Loay|لؤي
4|Mohannad/Muhannad/Mohanad|مهند
4|Obada/Ubada/Oubada|عبادة
4|Ghaith/Gaith/Ghayth|غيث
3|Shadi/Schadi/Chadi|شادي
3|Samir/Sameer|سمير
3|Amir/Ameer|أمير
3|Kinan/Kenan|كنان
3|Nour Aldin/Nour al-Din/Nuraddin/Nour Eddin|نور الدين
3|Hadi|هادي
3|Jihad/Dschihad|جهاد
3|Moaz/Muaz/Muath|معاذ
3|Rakan|راكان
3|Taha|طه
`);

export const ARABIC_FEMALE = parse(`
20|Fatima/Fatma/Fatimah/Fatme/Fatmeh|فاطمة
12|Aisha/Aysha/Aischa/Ayesha|عائشة
12|Maryam/Mariam/Miriam/Mariem|مريم
10|Zainab/Zeinab/Zaynab|زينب
10|Nour/Nur/Noor|نور
9|Rasha/Rascha|رشا
9|Hiba/Heba/Hibah|هبة
8|Amal|أمل
8|Yasmin/Yasmine/Jasmin/Yasmeen|ياسمين
8|Lina/Leena|لينا
8|Rana|رنا
7|Reem/Rim/Riem|ريم
7|Sara/Sarah|سارة
7|Huda/Houda/Hoda|هدى
7|Asmaa/Asma|أسماء
7|Rahaf|رهف
6|Nada|ندى
6|Dalia/Dalya|داليا
6|Samira/Sameera|سميرة
6|Layla/Leila/Laila/Leyla|ليلى
6|Khadija/Khadidja/Chadidscha|خديجة
6|Manal|منال
6|Sawsan/Sausan|سوسن
5|Hanan|حنان
5|Ghada/Gada|غادة
5|Suha/Souha|سهى
5|Dima/Deema|ديما
5|Raghad/Ragad|رغد
5|Shahd/Schahd|شهد
5|Bushra/Buschra/Boushra|بشرى
5|Malak|ملاك
5|Aya/Ayah|آية
5|Amina/Ameena|أمينة
4|Walaa/Wala|ولاء
4|Reham/Riham|ريهام
4|Nisreen/Nesrin/Nisrin/Nesreen|نسرين
4|Rawan|روان
4|Jana/Dschana|جنى
4|Israa/Isra/Esraa|إسراء
4|Doaa/Duaa|دعاء
4|Batoul/Batool/Batul|بتول
4|Ruqaya/Rukaya/Roqaya|رقية
3|Widad/Wedad|وداد
3|Ilham/Elham|إلهام
3|Kawthar/Kausar/Kawsar|كوثر
3|Hala|هالة
3|Joud/Jud|جود
`);

export const KURDISH_MALE = parse(`
6|Azad/Asad|ئازاد
5|Dilshad/Dilschad|دلشاد
5|Rebin/Rebîn|ریبین
5|Shivan/Schivan/Sivan|شڤان
4|Hozan|هۆزان
4|Rebwar/Rebvar|ڕێبوار
4|Karwan/Karvan|کاروان
4|Shwan/Schwan|شوان
4|Zana|زانا
4|Baran|باران
3|Diyar/Dijar|دیار
3|Sherzad/Scherzad|شێرزاد
3|Hawar/Havar|هاوار
3|Kawa/Kava|کاوە
3|Soran|سۆران
`);

export const KURDISH_FEMALE = parse(`
6|Berivan/Beriwan|بریڤان
5|Dilan|دیلان
5|Rojin/Roschin|ڕۆژین
4|Zozan/Sozan|زۆزان
4|Nasrin/Nesrin|نسرین
4|Hevin/Hewin|هیڤین
4|Shilan/Schilan|شیلان
4|Zhiyan/Jiyan/Schiyan|ژیان
3|Rozhin/Roschin/Rojhin|ڕۆژین
3|Avin/Awin|ئاڤین
3|Helin|هێلین
3|Delal|دەلال
`);

export const SYRIAN_FAMILY = parse(`
12|al:Hassan/Hasan|الحسن
10|al:Ahmad/Ahmed|الأحمد
9|al:Ali|العلي
8|al:Khatib/Chatib/Khateeb|الخطيب
7|al:Masri/Masry|المصري
7|al:Halabi/Halaby|الحلبي
6|al:Hamwi/Hamawi/Hamoui|الحموي
8|al:Hussein/Husein/Hussain|الحسين
6|al:Najjar/Nadjar/Najar|النجار
6|al:Sheikh/Shaikh/Scheich/Cheikh|الشيخ
6|al:Omar/Omer|العمر
6|al:Abdullah/Abdallah|العبدالله
7|al:Mohammad/Mohammed/Mohamad|المحمد
5|al:Jasem/Jassem/Jasim|الجاسم
5|al:Khalil/Chalil/Khaleel|الخليل
5|al:Saleh/Salih|الصالح
5|al:Hamad/Hamed|الحمد
4|al:Aswad|الأسود
4|al:Zoubi/Zubi/Zoabi|الزعبي
4|al:Rifai/Refai|الرفاعي
4|al:Obaid/Ubaid/Obeid|العبيد
3|al:Hariri|الحريري
8|Haddad/Hadad|حداد
7|Darwish/Derwisch/Darvish|درويش
6|Hamoud/Hammoud/Hamud|حمود
6|Kassem/Qasim/Kasem/Qassem|قاسم
6|Othman/Osman/Uthman|عثمان
6|Abdo/Abdou/Abdu|عبدو
6|Mansour/Mansur/Mansoor|منصور
5|Suleiman/Sulaiman/Sleiman|سليمان
5|Yassin/Yasin/Jassin|ياسين
5|Khoury/Khouri/Khuri/Churi|خوري
4|Sabbagh/Sabbag/Sabag|صباغ
5|Issa/Isa/Eissa|عيسى
5|Mousa/Musa/Moussa|موسى
4|Hamdan|حمدان
4|Shaaban/Schaban/Shaban|شعبان
5|Ibrahim/Ebrahim|إبراهيم
5|Mahmoud/Mahmud|محمود
5|Youssef/Yusuf/Yousef|يوسف
3|Bakour/Bakur|بكور
4|Kurdi/Kurdy|كردي
3|Hijazi/Hejazi|حجازي
3|Tahhan/Tahan|طحان
3|Attar|عطار
3|Shami/Schami|شامي
3|Kanaan/Kanan|كنعان
3|Abu Zeid/Abuzeid/Abou Zaid|أبو زيد
3|Sawas/Sawwas|صواص
3|Habash|حبش
`);

export const IRAQI_FAMILY = parse(`
8|al:Obaidi/Ubaidi|العبيدي
8|al:Jubouri/Juburi/Jboori|الجبوري
7|al:Dulaimi/Dulaymi|الدليمي
7|al:Tamimi|التميمي
6|al:Shammari/Shamari|الشمري
6|al:Zubaidi/Zubeidi|الزبيدي
6|al:Saadi/Sadi|الساعدي
5|al:Rubaie/Rubai/Rubaiy|الربيعي
5|al:Khafaji/Chafadschi|الخفاجي
5|al:Maliki/Malki|المالكي
5|al:Musawi/Mousawi|الموسوي
5|al:Hashimi/Hashemi|الهاشمي
4|al:Bayati|البياتي
4|al:Azzawi/Azawi|العزاوي
4|al:Janabi|الجنابي
4|al:Ani|العاني
4|al:Kubaisi/Kubeisi|الكبيسي
4|al:Hilli/Hilly|الحلي
6|Hussein/Husein/Hussain|حسين
5|Abbas|عباس
5|Kadhim/Kazem/Kazim|كاظم
4|Jaafar/Jafar/Dschafar|جعفر
4|Hamid/Hameed|حميد
4|Salman|سلمان
4|Rasheed/Rashid/Raschid|رشيد
`);

export const IRAQI_MALE_EXTRA = parse(`
8|Haider/Hayder/Haidar|حيدر
7|Abbas|عباس
6|Kadhim/Kazem/Kazim|كاظم
5|Jaafar/Jafar/Dschafar|جعفر
5|Sajjad/Sadschad|سجاد
5|Murtada/Murtadha/Mortada|مرتضى
5|Karrar|كرار
5|Mahdi/Mehdi|مهدي
4|Mustafa/Moustafa|مصطفى
4|Montadhar/Muntadhar/Muntazar|منتظر
`);

export const KURDISH_FAMILY = parse(`
5|Sheikho/Scheicho/Shekho|شيخو
5|Hamo/Hammo/Hemo|حمو
4|Bakr/Baker/Bakir|بكر
4|Haso/Hasso/Hesso|حسو
3|Ibo/Ibbo|إيبو
4|Khalaf/Chalaf/Halaf|خلف
3|Kalo/Kallo|كالو
4|Rasul/Rasool|رسول
4|Aziz/Asis|عزيز
3|Mamo/Mammo|مامو
3|Bozan|بوزان
3|Omar/Umar|عمر
`);

export const AFGHAN_MALE = parse(`
40|Mohammad/Muhammad/Mohammed/Mohamad|محمد
20|Ahmad/Ahmed|احمد
10|Ali|علی
8|Hamid/Hameed|حمید
8|Rahim/Raheem|رحیم
8|Farid/Fareed|فرید
7|Navid/Naweed/Nawid/Naveed|نوید
7|Javid/Jawid/Javed|جاوید
6|Mustafa/Mostafa|مصطفی
6|Sohrab/Suhrab|سهراب
6|Omid/Umid/Omeed|امید
6|Rahmatullah/Rahmatulla/Rahmat Ullah|رحمت الله
5|Abdul Ghafar/Abdulghafar/Abdul Ghaffar|عبدالغفار
5|Abdul Qadir/Abdulqadir/Abdul Kadir|عبدالقادر
5|Gul Ahmad/Gulahmad|گل احمد
5|Zabihullah/Zabiullah/Sabihullah|ذبیح الله
5|Najibullah/Najibulla|نجیب الله
5|Habibullah/Habibulla|حبیب الله
5|Sayed/Sayyed/Said|سید
5|Jawad/Javad|جواد
5|Reza/Resa|رضا
5|Mahdi/Mehdi|مهدی
5|Hussain/Hossain/Husain/Hussein|حسین
4|Hassan/Hasan|حسن
4|Shafiq/Schafik/Shafik|شفیق
4|Wahid/Vahid/Waheed|وحید
4|Bashir/Basheer/Baschir|بشیر
4|Khalil/Chalil|خلیل
4|Karim/Kareem|کریم
4|Aziz/Asis|عزیز
4|Elyas/Ilyas/Eliyas|الیاس
4|Idris/Edris|ادریس
4|Masoud/Massoud/Masud|مسعود
4|Noorullah/Nurullah/Nurulla|نورالله
4|Samiullah/Samiulla|سمیع الله
3|Zia/Ziya|ضیا
3|Farhad|فرهاد
3|Sharif/Scharif/Shareef|شریف
3|Nasir/Naser/Nasser|ناصر
3|Qais/Kais/Qays|قیس
3|Matin/Mateen|متین
3|Yama|یما
3|Ramin|رامین
3|Sajad/Sajjad|سجاد
`);

export const AFGHAN_FEMALE = parse(`
14|Fatima/Fatema/Fatemeh|فاطمه
12|Maryam/Mariam|مریم
10|Zahra/Zahraa/Sahra|زهرا
7|Fereshta/Freshta/Fereshteh|فرشته
7|Nazanin/Nasanin|نازنین
6|Shabnam/Schabnam|شبنم
6|Mursal/Morsal|مرسل
6|Zarmina/Sarmina|زرمینه
6|Madina/Medina|مدینه
6|Parwana/Parvaneh/Parwane|پروانه
5|Sima/Seema|سیما
5|Marzia/Marziya/Marziyeh|مرضیه
5|Zainab/Zeinab|زینب
5|Masuma/Masooma/Massoumeh|معصومه
5|Sakina/Sakineh|سکینه
5|Halima/Halime|حلیمه
5|Laila/Leila|لیلا
5|Nargis/Narges|نرگس
4|Sodaba/Sudaba|سودابه
4|Hamida/Hameeda|حمیده
4|Roya/Roja|رویا
4|Sahar|سحر
4|Tahmina/Tahmineh|تهمینه
4|Khatera/Chatera/Khatira|خاطره
3|Gulalai/Gulalei|گلالی
3|Nilofar/Nilufar/Niloufar|نیلوفر
3|Mahbooba/Mahbuba|محبوبه
3|Farzana/Farsana|فرزانه
3|Setara/Sitara|ستاره
3|Mina|مینا
3|Shukria/Schukria/Shukriya|شکریه
`);

export const AFGHAN_FAMILY = parse(`
10|Ahmadi/Ahmedi|احمدی
9|Mohammadi/Muhammadi/Mohamadi|محمدی
7|Rahimi/Raheemi|رحیمی
6|Hakimi/Hakeemi|حکیمی
7|Karimi|کریمی
6|Azizi/Asisi|عزیزی
6|Haidari/Heydari/Haideri|حیدری
7|Hussaini/Hosseini/Husseini|حسینی
5|Sultani/Soltani|سلطانی
5|Noori/Nuri/Nouri|نوری
5|Rezaei/Rezai/Rezaie|رضایی
5|Jafari/Jafary/Jaafari|جعفری
5|Sadat/Saadat|سادات
4|Safi|صافی
3|Popal|پوپل
4|Ahmadzai/Ahmadsai|احمدزی
3|Stanikzai/Stanekzai|ستانکزی
4|Wardak/Vardak|وردک
4|Amiri/Ameeri|امیری
4|Qaderi/Kaderi/Qadiri|قادری
4|Nazari/Nasari|نظری
4|Habibi|حبیبی
4|Sharifi/Scharifi|شریفی
4|Rasuli/Rasouli/Rasooli|رسولی
3|Mirzaei/Mirzai|میرزایی
3|Naseri/Nasiri|ناصری
3|Faizi/Faizy|فیضی
3|Yousufzai/Yusufzai|یوسفزی
3|Barakzai/Barakzay|بارکزی
3|Durrani/Durani|درانی
3|Omari/Umari|عمری
3|Samadi|صمدی
3|Alizada/Alizadeh|علیزاده
3|Hashimi/Hashemi|هاشمی
3|Sahak|ساحک
3|Mansoori/Mansuri|منصوری
`);

export const IRANIAN_MALE = parse(`
15|Mohammad/Mohammed|محمد
10|Ali|علی
9|Reza/Resa|رضا
8|Hossein/Hosein/Hussein|حسین
7|Mehdi/Mahdi|مهدی
7|Amir|امیر
6|Saeed/Said/Saied|سعید
6|Hamid|حمید
6|Majid|مجید
5|Behzad/Behsad|بهزاد
5|Farhad|فرهاد
5|Arash|آرش
5|Babak|بابک
4|Kourosh/Kurosch/Kurosh|کوروش
4|Dariush/Dariusch/Daryoush|داریوش
4|Omid|امید
4|Navid|نوید
4|Milad|میلاد
4|Pouya/Puya|پویا
4|Saman|سامان
`);

export const IRANIAN_FEMALE = parse(`
10|Maryam/Mariam|مریم
9|Zahra|زهرا
8|Fatemeh/Fatima|فاطمه
7|Sara/Sarah|سارا
6|Nazanin|نازنین
6|Shirin/Schirin|شیرین
5|Parisa|پریسا
5|Mahsa|مهسا
5|Neda|ندا
5|Leila/Leyla|لیلا
5|Niloufar/Nilufar|نیلوفر
4|Azadeh/Asadeh/Azade|آزاده
4|Shahla/Schahla|شهلا
4|Mina|مینا
4|Elham|الهام
4|Roya|رویا
4|Samira|سمیرا
`);

export const IRANIAN_FAMILY = parse(`
8|Ahmadi|احمدی
8|Hosseini/Husseini|حسینی
7|Mohammadi|محمدی
7|Rezaei/Rezai|رضایی
6|Moradi|مرادی
6|Karimi|کریمی
5|Jafari|جعفری
5|Rahimi|رحیمی
5|Hashemi|هاشمی
5|Ghasemi/Qasemi/Kasemi|قاسمی
5|Sadeghi/Sadeqi|صادقی
5|Mousavi/Musavi|موسوی
5|Kazemi|کاظمی
5|Ebrahimi/Ibrahimi|ابراهیمی
4|Najafi/Nadschafi|نجفی
4|Bagheri/Baqeri|باقری
4|Tehrani/Teherani|تهرانی
4|Shirazi/Schirasi|شیرازی
4|Rostami/Rustami|رستمی
4|Akbari|اکبری
4|Zarei/Zare|زارعی
4|Ghorbani/Qorbani|قربانی
4|Azimi|عظیمی
`);

export const UKRAINIAN_MALE = parse(`
12|Oleksandr/Olexandr/Aleksandr/Alexander/Oleksander|Олександр
10|Serhii/Serhiy/Sergii/Serhij/Sergej/Sergey|Сергій
9|Volodymyr/Wolodymyr/Vladimir/Wladimir|Володимир
9|Andrii/Andriy/Andrij/Andrei/Andrej|Андрій
9|Dmytro/Dmitro/Dmitrij/Dmitri|Дмитро
7|Mykola/Mikola/Nikolai/Nikolaj|Микола
7|Ivan/Iwan|Іван
6|Yurii/Yuriy/Jurij/Yuri|Юрій
6|Oleh/Oleg|Олег
6|Maksym/Maksim/Maxim|Максим
5|Vitalii/Vitaliy/Witalij|Віталій
5|Bohdan/Bogdan|Богдан
5|Taras|Тарас
5|Viktor/Wiktor/Victor|Віктор
5|Pavlo/Pawlo|Павло
5|Artem/Artjom/Artyom|Артем
5|Denys/Denis|Денис
5|Yevhen/Ievgen/Yevgen/Jewgen|Євген
5|Mykhailo/Mychajlo/Mikhail/Michail|Михайло
4|Roman|Роман
4|Vasyl/Wasyl/Vasil|Василь
4|Kyrylo/Kyrill/Kirill|Кирило
4|Anatolii/Anatoliy/Anatolij|Анатолій
4|Petro|Петро
4|Ihor/Igor|Ігор
4|Yaroslav/Jaroslaw/Iaroslav|Ярослав
3|Stepan|Степан
3|Vadym/Vadim/Wadim|Вадим
3|Ruslan|Руслан
3|Danylo/Danilo|Данило
3|Matvii/Matviy/Matwij|Матвій
3|Nazar|Назар
3|Tymofii/Tymofiy/Timofej|Тимофій
`);

export const UKRAINIAN_FEMALE = parse(`
10|Olena/Elena/Jelena|Олена
9|Nataliia/Natalia/Natalija/Natalya|Наталія
9|Iryna/Irina|Ірина
8|Tetiana/Tetyana/Tatiana/Tatjana|Тетяна
7|Svitlana/Swetlana/Svetlana|Світлана
7|Yuliia/Yuliya/Julija/Iuliia|Юлія
7|Oksana|Оксана
7|Kateryna/Katerina/Jekaterina|Катерина
6|Anastasiia/Anastasia/Anastasija|Анастасія
6|Mariia/Maria/Marija|Марія
5|Liudmyla/Lyudmila/Ljudmila|Людмила
5|Halyna/Galina/Halina|Галина
5|Valentyna/Walentyna/Valentina|Валентина
5|Viktoriia/Viktoria/Wiktorija|Вікторія
5|Alina|Аліна
5|Dariia/Daria/Darja|Дарія
5|Sofiia/Sofia/Sofija|Софія
4|Hanna/Ganna|Ганна
4|Inna|Інна
4|Larysa/Larisa/Larissa|Лариса
4|Liliia/Lilia/Lilija|Лілія
4|Khrystyna/Chrystyna/Kristina|Христина
4|Yana/Jana|Яна
4|Valeriia/Valeria/Walerija|Валерія
3|Polina|Поліна
3|Vira/Wira|Віра
3|Nadiia/Nadiya|Надія
3|Lesia/Lesya/Lessja|Леся
3|Zoriana/Zoryana|Зоряна
`);

export const UKRAINIAN_FAMILY = parse(`
7|Shevchenko/Schewtschenko/Shevtchenko|Шевченко
6|Kovalenko/Kowalenko|Коваленко
6|Bondarenko|Бондаренко
6|Tkachenko/Tkatschenko|Ткаченко
5|Kravchenko/Krawtschenko|Кравченко
5|Boiko/Bojko/Boyko|Бойко
5|Kovalchuk/Kowaltschuk|Ковальчук
5|Oliinyk/Olijnyk/Oliynyk/Oleinik|Олійник
4|Shevchuk/Schewtschuk|Шевчук
4|Polishchuk/Polischtschuk|Поліщук
4|Bondar|Бондар
4|Tkachuk/Tkatschuk|Ткачук
4|Marchenko/Martschenko|Марченко
4|Melnyk/Melnik|Мельник
4|Lysenko/Lissenko|Лисенко
4|Rudenko|Руденко
4|Savchenko/Sawtschenko|Савченко
4|Petrenko|Петренко
3|Moroz|Мороз
3|Pavlenko/Pawlenko|Павленко
3|Kozak/Kosak|Козак
3|Kravets/Krawez|Кравець
3|Havryliuk/Hawryljuk/Gavriliuk|Гаврилюк
3|Honcharenko/Gontscharenko/Goncharenko|Гончаренко
3|Zhuk/Schuk|Жук
3|Kuzmenko/Kusmenko|Кузьменко
3|Romanenko|Романенко
3|Ponomarenko|Пономаренко
3|Sydorenko/Sidorenko|Сидоренко
3|Klymenko/Klimenko|Клименко
3|Vasylenko/Wassylenko/Vasilenko|Василенко
3|Levchenko/Lewtschenko|Левченко
3|Kharchenko/Chartschenko|Харченко
3|Hrytsenko/Gritsenko/Hryzenko|Гриценко
3|Yakovenko/Jakowenko|Яковенко
3|Kovalskyi/Kowalskyj/Kovalsky|Ковальський|Kovalska/Kowalska|Ковальська
3|Ivanov/Iwanow|Іванов|Ivanova/Iwanowa|Іванова
3|Savytskyi/Sawyzkyj/Savitsky|Савицький|Savytska/Sawyzka/Savitskaya|Савицька
3|Lytvynov/Litvinov/Lytwynow|Литвинов|Lytvynova/Litvinova/Lytwynowa|Литвинова
`);

/** Turkish names: the original script is the Turkish spelling; ASCII systems fold it variously. */
export const TURKISH_MALE = parse(`
14|Mehmet/Mehmed|Mehmet
10|Mustafa|Mustafa
9|Ahmet/Ahmed|Ahmet
8|Ali|Ali
8|Hüseyin/Hüsseyin|Hüseyin
7|Hasan|Hasan
6|İbrahim|İbrahim
6|İsmail|İsmail
6|Osman|Osman
6|Yusuf/Jusuf|Yusuf
6|Murat/Murad|Murat
5|Ömer|Ömer
5|Ramazan|Ramazan
5|Halil|Halil
5|Süleyman|Süleyman
5|Abdullah|Abdullah
5|Mahmut/Mahmud|Mahmut
4|Recep|Recep
4|Emre|Emre
4|Burak|Burak
4|Serkan|Serkan
4|Kemal|Kemal
4|Fatih|Fatih
4|Uğur|Uğur
4|Cem|Cem
3|Eren|Eren
3|Yasin|Yasin
3|Emin|Emin
3|Selim|Selim
3|Orhan|Orhan
3|Hakan|Hakan
3|Kadir|Kadir
3|Bayram|Bayram
3|Şükrü|Şükrü
3|Zeki|Zeki
`);

export const TURKISH_FEMALE = parse(`
12|Fatma|Fatma
10|Ayşe|Ayşe
8|Emine|Emine
7|Hatice|Hatice
7|Zeynep|Zeynep
6|Elif|Elif
6|Meryem|Meryem
5|Şerife|Şerife
5|Zehra|Zehra
5|Sultan|Sultan
5|Hanife|Hanife
5|Merve|Merve
4|Özlem|Özlem
4|Yasemin|Yasemin
4|Esra|Esra
4|Büşra|Büşra
4|Derya|Derya
4|Gül|Gül
4|Ebru|Ebru
4|Sevgi|Sevgi
3|Dilek|Dilek
3|Songül|Songül
3|Gülsüm|Gülsüm
3|Tuğba|Tuğba
3|Leyla|Leyla
3|Hacer|Hacer
3|Melek|Melek
3|Aysel|Aysel
3|Hülya|Hülya
3|Kübra|Kübra
`);

export const TURKISH_FAMILY = parse(`
10|Yılmaz|Yılmaz
8|Kaya|Kaya
8|Demir|Demir
7|Şahin|Şahin
7|Çelik|Çelik
6|Yıldız|Yıldız
6|Yıldırım|Yıldırım
6|Öztürk|Öztürk
6|Aydın|Aydın
5|Özdemir|Özdemir
5|Arslan|Arslan
5|Doğan|Doğan
5|Kılıç|Kılıç
4|Aslan|Aslan
4|Çetin|Çetin
4|Kara|Kara
4|Koç|Koç
4|Kurt|Kurt
4|Özkan|Özkan
4|Şimşek|Şimşek
4|Polat|Polat
3|Özcan|Özcan
3|Korkmaz|Korkmaz
3|Çakır|Çakır
3|Erdoğan|Erdoğan
3|Yavuz|Yavuz
3|Acar|Acar
3|Aktaş|Aktaş
3|Güler|Güler
3|Yalçın|Yalçın
3|Güneş|Güneş
3|Bozkurt|Bozkurt
3|Bulut|Bulut
3|Keskin|Keskin
3|Ünal|Ünal
3|Turan|Turan
3|Işık|Işık
3|Kaplan|Kaplan
3|Avcı|Avcı
3|Tekin|Tekin
3|Ekinci|Ekinci
`);

/** Eritrean names: the family name field carries the father's given name. */
export const ERITREAN_MALE = parse(`
8|Yohannes/Johannes/Yohanes/Yohannis
7|Tesfay/Tesfai/Tesfaye
6|Haile/Hayle
6|Kidane/Kidan
6|Berhane/Birhane/Brhane
6|Tekle/Teklay/Tecle
5|Ghebremedhin/Gebremedhin/Ghebre Medhin/Gebre-Medhin
5|Mebrahtu/Mebrahtom/Mibrahtu
5|Ghirmay/Girmay/Ghirmai
5|Abraham/Abreham/Abrham
5|Dawit/Dawite
4|Semere/Semre
4|Filmon/Filimon/Philemon
4|Yonas/Jonas
4|Mikael/Michael
4|Tewelde/Tawelde
4|Habtom/Habtu
4|Mussie/Musie
4|Robel/Rubel
4|Amanuel/Emanuel/Amaniel
4|Efrem/Ephrem
4|Yemane/Yemani
4|Tsegay/Tsegai/Segay
4|Goitom/Goytom
4|Weldu/Woldu
3|Tesfamariam/Tesfa Mariam/Tesfamaryam
3|Ghebrehiwet/Gebrehiwet/Gebre Hiwet
3|Asmerom/Asmarom
3|Fitsum/Fitsom
3|Henok/Henock
3|Natnael/Nathnael/Natanael
3|Measho/Meaho
`);

export const ERITREAN_FEMALE = parse(`
6|Helen/Hellen/Helena
6|Senait/Senayt/Sennait
6|Selam/Salam
5|Saba
5|Mulu/Mullu
5|Tsega/Tsege
5|Yodit/Yodith/Judith
5|Feven/Fiven
5|Rahel/Rachel
4|Ruta/Rutha
4|Hiwet/Hewet
4|Lidia/Lydia/Lidya
4|Eden
4|Winta/Wineta
4|Almaz/Almas
4|Abeba
4|Freweini/Fireweini/Frewini
3|Letekidan/Lete Kidan
3|Meron/Miron
3|Semhar
3|Luwam/Luam
3|Hanna/Hana
3|Yordanos/Jordanos
3|Kisanet/Kisanit
3|Mebrat/Mibrat
3|Tirhas/Tirhass
3|Nebiat/Nebyat
3|Elsa/Elza
`);

/** Somali names: Somali orthography writes x for ḥ and c for ʿayn (Maxamed, Cali). */
export const SOMALI_MALE = parse(`
12|Mohamed/Mohammed/Maxamed/Mohamud
8|Ahmed/Axmed/Ahmad
7|Abdi/Cabdi
7|Abdullahi/Cabdullaahi/Abdullah
7|Ali/Cali
6|Hassan/Xasan/Hasan
6|Hussein/Xuseen/Husein
6|Omar/Cumar/Umar
5|Yusuf/Yuusuf
5|Ibrahim/Ibraahim
5|Ismail/Ismaaciil/Ismael
5|Abdirahman/Cabdiraxmaan/Abdurahman
4|Abdulkadir/Cabdulqaadir/Abdikadir
4|Farah/Faarax
4|Hirsi/Xirsi
4|Warsame/Warsama
4|Jama/Jaamac/Jamac
4|Nur/Nuur/Noor
4|Osman/Cismaan/Usman
4|Aden/Aadan/Adan
`);

export const SOMALI_FEMALE = parse(`
8|Fadumo/Faadumo/Fatuma/Fatima
7|Amina/Aamina/Amino
6|Halimo/Xaliimo/Halima
6|Hodan/Hodon
6|Asha/Caasha/Aisha
5|Sahra/Sahro/Zahra
5|Hawa/Xawo/Hawo
5|Maryan/Maryam/Mariam
4|Ifrah/Ifraax
4|Ayan/Ayaan
4|Nimco/Nimo
4|Sagal
4|Ubah/Ubax
4|Deeqa/Deka/Deqa
4|Khadra/Khadro
`);

/**
 * Twin pairs whose names deliberately sound alike, as families often choose. Each name is the
 * first variant of an entry in the culture's pool.
 */
export const ALIKE_TWIN_NAMES: Readonly<Record<'male' | 'female', readonly (readonly [string, string])[]>> = {
  male: [
    ['Hassan', 'Hussein'],
    ['Mohammed', 'Mahmoud'],
    ['Omar', 'Amer'],
    ['Samer', 'Samir'],
    ['Hasan', 'Hüseyin'],
    ['Mohammad', 'Ahmad'],
  ],
  female: [
    ['Rana', 'Rasha'],
    ['Hiba', 'Hala'],
    ['Lina', 'Dima'],
    ['Fatima', 'Zahra'],
  ],
};

/** Kreis Steinfurt municipalities with rough population weights (thousands). */
export const MUNICIPALITIES: readonly (readonly [string, number])[] = [
  ['Rheine', 77],
  ['Ibbenbüren', 52],
  ['Greven', 38],
  ['Emsdetten', 36],
  ['Steinfurt', 34],
  ['Lengerich', 23],
  ['Ochtrup', 20],
  ['Hörstel', 20],
  ['Neuenkirchen', 14],
  ['Lotte', 14],
  ['Mettingen', 12],
  ['Recke', 11],
  ['Westerkappeln', 11],
  ['Altenberge', 10],
  ['Nordwalde', 9.5],
  ['Tecklenburg', 9],
  ['Lienen', 8.6],
  ['Wettringen', 8],
  ['Hopsten', 7.7],
  ['Saerbeck', 7.2],
  ['Laer', 6.7],
  ['Horstmar', 6.6],
  ['Ladbergen', 6.5],
  ['Metelen', 6.4],
];
