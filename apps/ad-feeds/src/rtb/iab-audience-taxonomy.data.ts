// IAB Tech Lab Audience Taxonomy 1.1 (CC BY 3.0), as published: OpenRTB `segtax` 4.
// Copied from the project's shared data set; parsed by `parseIabTaxonomy`.
/* prettier-ignore */
export const IAB_AUDIENCE_TAXONOMY_1_1_TSV = `	Unique ID	Parent ID	Condensed Name (1st, 2nd, Last Tier)	Tier 1	Tier 2	Tier 3	Tier 4	Tier 5	Tier 6	*Extension Notes
	1		Demographic	Demographic						
	2	1	Demographic | Age Range	Demographic	Age Range					
	3	2	Demographic | Age Range | 18-20 |	Demographic	Age Range	18-20				
	4	2	Demographic | Age Range | 21-24 |	Demographic	Age Range	21-24				
	5	2	Demographic | Age Range | 25-29 |	Demographic	Age Range	25-29				
	6	2	Demographic | Age Range | 30-34 |	Demographic	Age Range	30-34				
	7	2	Demographic | Age Range | 35-39 |	Demographic	Age Range	35-39				
	8	2	Demographic | Age Range | 40-44 |	Demographic	Age Range	40-44				
	9	2	Demographic | Age Range | 45-49 |	Demographic	Age Range	45-49				
	10	2	Demographic | Age Range | 50-54 |	Demographic	Age Range	50-54				
	11	2	Demographic | Age Range | 55-59 |	Demographic	Age Range	55-59				
	12	2	Demographic | Age Range | 60-64 |	Demographic	Age Range	60-64				
	13	2	Demographic | Age Range | 65-69 |	Demographic	Age Range	65-69				
	14	2	Demographic | Age Range | 70-74 |	Demographic	Age Range	70-74				
	15	2	Demographic | Age Range | 75+ |	Demographic	Age Range	75+				
	16	1	Demographic | Education & Occupation	Demographic	Education & Occupation					
	17	16	Demographic | Education & Occupation | Education (Highest Level) |	Demographic	Education & Occupation	Education (Highest Level)				
	18	17	Demographic | Education & Occupation | Primary Education |	Demographic	Education & Occupation	Education (Highest Level)	Primary Education			
	19	17	Demographic | Education & Occupation | Secondary Education |	Demographic	Education & Occupation	Education (Highest Level)	Secondary Education			
	20	17	Demographic | Education & Occupation | College Education |	Demographic	Education & Occupation	Education (Highest Level)	College Education			
	21	20	Demographic | Education & Occupation | Professional School |	Demographic	Education & Occupation	Education (Highest Level)	College Education	Professional School		
	22	20	Demographic | Education & Occupation | Postgraduate Education |	Demographic	Education & Occupation	Education (Highest Level)	College Education	Postgraduate Education		
	23	20	Demographic | Education & Occupation | Undergraduate Education |	Demographic	Education & Occupation	Education (Highest Level)	College Education	Undergraduate Education		
	24	16	Demographic | Education & Occupation | Employment Role |	Demographic	Education & Occupation	Employment Role				
	25	24	Demographic | Education & Occupation | Work from Home |	Demographic	Education & Occupation	Employment Role	Work from Home			
	26	24	Demographic | Education & Occupation | Director/Managerial |	Demographic	Education & Occupation	Employment Role	Director/Managerial			
	27	24	Demographic | Education & Occupation | Homemaker / Domestic Work |	Demographic	Education & Occupation	Employment Role	Homemaker / Domestic Work			
	28	24	Demographic | Education & Occupation | Office Worker |	Demographic	Education & Occupation	Employment Role	Office Worker			
	29	24	Demographic | Education & Occupation | Part-Time Worker |	Demographic	Education & Occupation	Employment Role	Part-Time Worker			
	30	24	Demographic | Education & Occupation | Professional |	Demographic	Education & Occupation	Employment Role	Professional			
	31	24	Demographic | Education & Occupation | Public Sector |	Demographic	Education & Occupation	Employment Role	Public Sector			
	32	24	Demographic | Education & Occupation | Retired |	Demographic	Education & Occupation	Employment Role	Retired			
	33	24	Demographic | Education & Occupation | Self Employed |	Demographic	Education & Occupation	Employment Role	Self Employed			
	34	24	Demographic | Education & Occupation | Shop Worker |	Demographic	Education & Occupation	Employment Role	Shop Worker			
	35	24	Demographic | Education & Occupation | Skilled/Manual Work |	Demographic	Education & Occupation	Employment Role	Skilled/Manual Work			
	36	24	Demographic | Education & Occupation | Student |	Demographic	Education & Occupation	Employment Role	Student			
	37	24	Demographic | Education & Occupation | Unemployed |	Demographic	Education & Occupation	Employment Role	Unemployed			
	38	16	Demographic | Education & Occupation | Employment Sector / Industry |	Demographic	Education & Occupation	Employment Sector / Industry				
	39	16	Demographic | Education & Occupation | Employment Status |	Demographic	Education & Occupation	Employment Status				
	40	39	Demographic | Education & Occupation | Retired |	Demographic	Education & Occupation	Employment Status	Retired			
	41	39	Demographic | Education & Occupation | Student |	Demographic	Education & Occupation	Employment Status	Student			
	42	39	Demographic | Education & Occupation | Employed |	Demographic	Education & Occupation	Employment Status	Employed			
	43	42	Demographic | Education & Occupation | Part-Time |	Demographic	Education & Occupation	Employment Status	Employed	Part-Time		
	44	42	Demographic | Education & Occupation | Full-Time |	Demographic	Education & Occupation	Employment Status	Employed	Full-Time		
	45	39	Demographic | Education & Occupation | Self-Employed |	Demographic	Education & Occupation	Employment Status	Self-Employed			
	46	39	Demographic | Education & Occupation | Unemployed / Job Seeker |	Demographic	Education & Occupation	Employment Status	Unemployed / Job Seeker			
	47	39	Demographic | Education & Occupation | Unemployed |	Demographic	Education & Occupation	Employment Status	Unemployed			
	48	1	Demographic | Gender	Demographic	Gender					
	49	48	Demographic | Gender | Female |	Demographic	Gender	Female				
	50	48	Demographic | Gender | Male |	Demographic	Gender	Male				
	51	48	Demographic | Gender | Other Gender |	Demographic	Gender	Other Gender				
	52	48	Demographic | Gender | Unknown Gender |	Demographic	Gender	Unknown Gender				
	53	1	Demographic | Household Data	Demographic	Household Data					
	54	53	Demographic | Household Data | Home Location |	Demographic	Household Data	Home Location				
	55	54	Demographic | Household Data | *Country Extension |	Demographic	Household Data	Home Location	*Country Extension			ISO-3166-1-alpha-3
	56	54	Demographic | Household Data | *Region / State Extension |	Demographic	Household Data	Home Location	*Region / State Extension			ISO-3166-2; 2-letter state code if USA.
	57	54	Demographic | Household Data | *City Extension |	Demographic	Household Data	Home Location	*City Extension			City using United Nations Code for Trade & Transport Locations.
	58	54	Demographic | Household Data | *Metro / DMA Extension |	Demographic	Household Data	Home Location	*Metro / DMA Extension			Google metro code; similar to but not exactly Nielsen DMAs
	59	54	Demographic | Household Data | *Zip or postal code Extension |	Demographic	Household Data	Home Location	*Zip or postal code Extension			Zip or postal code
	60	53	Demographic | Household Data | Household Income (USD) |	Demographic	Household Data	Household Income (USD)				
	61	60	Demographic | Household Data | Less than $10,000 |	Demographic	Household Data	Household Income (USD)	Less than $10,000			
	62	60	Demographic | Household Data | $10,000-$14,999 |	Demographic	Household Data	Household Income (USD)	$10,000-$14,999			
	63	60	Demographic | Household Data | $15,000-$19,999 |	Demographic	Household Data	Household Income (USD)	$15,000-$19,999			
	64	60	Demographic | Household Data | $20000 - $39999 |	Demographic	Household Data	Household Income (USD)	$20000 - $39999			
	65	60	Demographic | Household Data | $40000 - $49999 |	Demographic	Household Data	Household Income (USD)	$40000 - $49999			
	66	60	Demographic | Household Data | $50000 - $74999 |	Demographic	Household Data	Household Income (USD)	$50000 - $74999			
	67	60	Demographic | Household Data | $75000 - $99999 |	Demographic	Household Data	Household Income (USD)	$75000 - $99999			
	68	60	Demographic | Household Data | $100000 - $149999 |	Demographic	Household Data	Household Income (USD)	$100000 - $149999			
	69	60	Demographic | Household Data | $150,000-$174,999 |	Demographic	Household Data	Household Income (USD)	$150,000-$174,999			
	70	60	Demographic | Household Data | $175,000-$199,999 |	Demographic	Household Data	Household Income (USD)	$175,000-$199,999			
	71	60	Demographic | Household Data | $200,000-$249,999 |	Demographic	Household Data	Household Income (USD)	$200,000-$249,999			
	72	60	Demographic | Household Data | $250,000+ |	Demographic	Household Data	Household Income (USD)	$250,000+			
	73	53	Demographic | Household Data | Length of Residence |	Demographic	Household Data	Length of Residence				
	74	73	Demographic | Household Data | Less Than 1 Year |	Demographic	Household Data	Length of Residence	Less Than 1 Year			
	75	73	Demographic | Household Data | 1-3 Years |	Demographic	Household Data	Length of Residence	1-3 Years			
	76	75	Demographic | Household Data | 1 year |	Demographic	Household Data	Length of Residence	1-3 Years	1 year		
	77	75	Demographic | Household Data | 2 years |	Demographic	Household Data	Length of Residence	1-3 Years	2 years		
	78	75	Demographic | Household Data | 3 years |	Demographic	Household Data	Length of Residence	1-3 Years	3 years		
	79	73	Demographic | Household Data | 4-6 Years |	Demographic	Household Data	Length of Residence	4-6 Years			
	80	79	Demographic | Household Data | 4 years |	Demographic	Household Data	Length of Residence	4-6 Years	4 years		
	81	79	Demographic | Household Data | 5 years |	Demographic	Household Data	Length of Residence	4-6 Years	5 years		
	82	79	Demographic | Household Data | 6 years |	Demographic	Household Data	Length of Residence	4-6 Years	6 years		
	83	73	Demographic | Household Data | 7+ Years |	Demographic	Household Data	Length of Residence	7+ Years			
	84	83	Demographic | Household Data | 7 years |	Demographic	Household Data	Length of Residence	7+ Years	7 years		
	85	83	Demographic | Household Data | 8 years |	Demographic	Household Data	Length of Residence	7+ Years	8 years		
	86	83	Demographic | Household Data | 9 years |	Demographic	Household Data	Length of Residence	7+ Years	9 years		
	87	83	Demographic | Household Data | 10 years |	Demographic	Household Data	Length of Residence	7+ Years	10 years		
	88	83	Demographic | Household Data | 11 years |	Demographic	Household Data	Length of Residence	7+ Years	11 years		
	89	83	Demographic | Household Data | 12 years |	Demographic	Household Data	Length of Residence	7+ Years	12 years		
	90	83	Demographic | Household Data | 13 years |	Demographic	Household Data	Length of Residence	7+ Years	13 years		
	91	83	Demographic | Household Data | 14 years |	Demographic	Household Data	Length of Residence	7+ Years	14 years		
	92	83	Demographic | Household Data | 15 years |	Demographic	Household Data	Length of Residence	7+ Years	15 years		
	93	53	Demographic | Household Data | Life Stage |	Demographic	Household Data	Life Stage				
	94	53	Demographic | Household Data | Other |	Demographic	Household Data	Life Stage	Other			
	95	93	Demographic | Household Data | Single Generation Household |	Demographic	Household Data	Life Stage	Single Generation Household			
	96	93	Demographic | Household Data | Adults (no children) |	Demographic	Household Data	Life Stage	Single Generation Household	Adults (no children)		
	97	93	Demographic | Household Data | Multi Generation Household |	Demographic	Household Data	Life Stage	Multi Generation Household			
	98	93	Demographic | Household Data | Parents with Children |	Demographic	Household Data	Life Stage	Multi Generation Household	Parents with Children		
	99	93	Demographic | Household Data | Grandparents, Parents and Children |	Demographic	Household Data	Life Stage	Multi Generation Household	Grandparents, Parents and Children		
	100	93	Demographic | Household Data | Grandparents with Children |	Demographic	Household Data	Life Stage	Multi Generation Household	Grandparents with Children		
	101	93	Demographic | Household Data | Empty Nest (Adults, Children left home) |	Demographic	Household Data	Life Stage	Multi Generation Household	Empty Nest (Adults, Children left home)		
	102	53	Demographic | Household Data | Median Home Value (USD) |	Demographic	Household Data	Median Home Value (USD)				
	103	102	Demographic | Household Data | $0-$99,999 |	Demographic	Household Data	Median Home Value (USD)	$0-$99,999			
	104	102	Demographic | Household Data | $100,000-$199,999 |	Demographic	Household Data	Median Home Value (USD)	$100,000-$199,999			
	105	102	Demographic | Household Data | $200,000-$299,999 |	Demographic	Household Data	Median Home Value (USD)	$200,000-$299,999			
	106	102	Demographic | Household Data | $300,000-$399,999 |	Demographic	Household Data	Median Home Value (USD)	$300,000-$399,999			
	107	102	Demographic | Household Data | $400,000-$499,999 |	Demographic	Household Data	Median Home Value (USD)	$400,000-$499,999			
	108	102	Demographic | Household Data | $500,000-$599,999 |	Demographic	Household Data	Median Home Value (USD)	$500,000-$599,999			
	109	102	Demographic | Household Data | $600,000-$699,999 |	Demographic	Household Data	Median Home Value (USD)	$600,000-$699,999			
	110	102	Demographic | Household Data | $700,000-$799,999 |	Demographic	Household Data	Median Home Value (USD)	$700,000-$799,999			
	111	102	Demographic | Household Data | $800,000-$899,999 |	Demographic	Household Data	Median Home Value (USD)	$800,000-$899,999			
	112	102	Demographic | Household Data | $900,000-$999,999 |	Demographic	Household Data	Median Home Value (USD)	$900,000-$999,999			
	113	102	Demographic | Household Data | $1,000,000+ |	Demographic	Household Data	Median Home Value (USD)	$1,000,000+			
	114	53	Demographic | Household Data | Monthly Housing Payment (USD) |	Demographic	Household Data	Monthly Housing Payment (USD)				
	115	114	Demographic | Household Data | 0 |	Demographic	Household Data	Monthly Housing Payment (USD)	$0			
	116	114	Demographic | Household Data | $1-$499 |	Demographic	Household Data	Monthly Housing Payment (USD)	$1-$499			
	117	114	Demographic | Household Data | $500-$999 |	Demographic	Household Data	Monthly Housing Payment (USD)	$500-$999			
	118	114	Demographic | Household Data | $1,000-$1,499 |	Demographic	Household Data	Monthly Housing Payment (USD)	$1,000-$1,499			
	119	114	Demographic | Household Data | $1,500-$1,999 |	Demographic	Household Data	Monthly Housing Payment (USD)	$1,500-$1,999			
	120	114	Demographic | Household Data | $2,000-$3,000 |	Demographic	Household Data	Monthly Housing Payment (USD)	$2,000-$3,000			
	121	53	Demographic | Household Data | Number of Adults |	Demographic	Household Data	Number of Adults				
	122	121	Demographic | Household Data | 1 Adult |	Demographic	Household Data	Number of Adults	1 Adult			
	123	121	Demographic | Household Data | 2 Adults |	Demographic	Household Data	Number of Adults	2 Adults			
	124	121	Demographic | Household Data | 3+ Adults |	Demographic	Household Data	Number of Adults	3+ Adults			
	125	53	Demographic | Household Data | Number of Children |	Demographic	Household Data	Number of Children				
	126	125	Demographic | Household Data | 0 Child |	Demographic	Household Data	Number of Children	0 Child			
	127	125	Demographic | Household Data | 1 Child |	Demographic	Household Data	Number of Children	1 Child			
	128	125	Demographic | Household Data | 2 Child |	Demographic	Household Data	Number of Children	2 Child			
	129	125	Demographic | Household Data | 3+ Child |	Demographic	Household Data	Number of Children	3+ Child			
	130	53	Demographic | Household Data | Number of Individuals |	Demographic	Household Data	Number of Individuals				
	131	130	Demographic | Household Data | 1 person |	Demographic	Household Data	Number of Individuals	1 person			
	132	130	Demographic | Household Data | 2 people |	Demographic	Household Data	Number of Individuals	2 people			
	133	130	Demographic | Household Data | 3 people |	Demographic	Household Data	Number of Individuals	3 people			
	134	130	Demographic | Household Data | 4 people |	Demographic	Household Data	Number of Individuals	4 people			
	135	130	Demographic | Household Data | 5 people |	Demographic	Household Data	Number of Individuals	5 people			
	136	130	Demographic | Household Data | 6+ People |	Demographic	Household Data	Number of Individuals	6+ People			
	137	53	Demographic | Household Data | Ownership |	Demographic	Household Data	Ownership				
	138	137	Demographic | Household Data | Home Owners |	Demographic	Household Data	Ownership	Home Owners			
	139	137	Demographic | Household Data | Renters |	Demographic	Household Data	Ownership	Renters			
	140	137	Demographic | Household Data | Owner |	Demographic	Household Data	Ownership	Owner			
	141	137	Demographic | Household Data | Renter |	Demographic	Household Data	Ownership	Renter			
	142	137	Demographic | Household Data | First Time Homeowner |	Demographic	Household Data	Ownership	First Time Homeowner			
	143	53	Demographic | Household Data | Property Type |	Demographic	Household Data	Property Type				
	144	143	Demographic | Household Data | Multiple Family |	Demographic	Household Data	Property Type	Multiple Family			
	145	143	Demographic | Household Data | Single Family |	Demographic	Household Data	Property Type	Single Family			
	146	53	Demographic | Household Data | Urbanization |	Demographic	Household Data	Urbanization				
	147	146	Demographic | Household Data | Rural |	Demographic	Household Data	Urbanization	Rural			
	148	146	Demographic | Household Data | 2K-4.9K People |	Demographic	Household Data	Urbanization	2K-4.9K People			
	149	146	Demographic | Household Data | 5K-9.9K People |	Demographic	Household Data	Urbanization	5K-9.9K People			
	150	146	Demographic | Household Data | 10K-19.9K People |	Demographic	Household Data	Urbanization	10K-19.9K People			
	151	146	Demographic | Household Data | 20K-49.9K People |	Demographic	Household Data	Urbanization	20K-49.9K People			
	152	146	Demographic | Household Data | 50K-99.9K People |	Demographic	Household Data	Urbanization	50K-99.9K People			
	153	146	Demographic | Household Data | 100K-199.9K People |	Demographic	Household Data	Urbanization	100K-199.9K People			
	154	146	Demographic | Household Data | 200K-2M People |	Demographic	Household Data	Urbanization	200K-2M People			
	155	146	Demographic | Household Data | Over 2M+ People |	Demographic	Household Data	Urbanization	Over 2M+ People			
	156	1	Demographic | Language	Demographic	Language					
	157	156	Demographic | Language | Other |	Demographic	Language	Other				
	158	156	Demographic | Language | *Language Extension |	Demographic	Language	Other	*Language Extension			See ISO-639-1-alpha-2
	159	1	Demographic | Marital Status	Demographic	Marital Status					
	160	159	Demographic | Marital Status | Co-Habiting |	Demographic	Marital Status	Co-Habiting				
	161	159	Demographic | Marital Status | Married |	Demographic	Marital Status	Married				
	162	159	Demographic | Marital Status | Single |	Demographic	Marital Status	Single				
	163	1	Demographic | Personal Finance	Demographic	Personal Finance					
	164	163	Demographic | Personal Finance | Income (USD) |	Demographic	Personal Finance	Income (USD)				
	165	164	Demographic | Personal Finance | $10,000-$14,999 |	Demographic	Personal Finance	Income (USD)	$10,000-$14,999			
	166	164	Demographic | Personal Finance | $15,000-$19,999 |	Demographic	Personal Finance	Income (USD)	$15,000-$19,999			
	167	164	Demographic | Personal Finance | $20000 - $39999 |	Demographic	Personal Finance	Income (USD)	$20000 - $39999			
	168	164	Demographic | Personal Finance | $40000 - $49999 |	Demographic	Personal Finance	Income (USD)	$40000 - $49999			
	169	164	Demographic | Personal Finance | $50000 - $74999 |	Demographic	Personal Finance	Income (USD)	$50000 - $74999			
	170	164	Demographic | Personal Finance | $75000 - $99999 |	Demographic	Personal Finance	Income (USD)	$75000 - $99999			
	171	164	Demographic | Personal Finance | $100000 - $149999 |	Demographic	Personal Finance	Income (USD)	$100000 - $149999			
	172	164	Demographic | Personal Finance | $150,000-$174,999 |	Demographic	Personal Finance	Income (USD)	$150,000-$174,999			
	173	164	Demographic | Personal Finance | $175,000-$199,999 |	Demographic	Personal Finance	Income (USD)	$175,000-$199,999			
	174	164	Demographic | Personal Finance | $200,000-$249,999 |	Demographic	Personal Finance	Income (USD)	$200,000-$249,999			
	175	164	Demographic | Personal Finance | $250,000+ |	Demographic	Personal Finance	Income (USD)	$250,000+			
	176	163	Demographic | Personal Finance | Personal Level Affluence (USD) |	Demographic	Personal Finance	Personal Level Affluence (USD)				
	177	176	Demographic | Personal Finance | Less than $10,000 |	Demographic	Personal Finance	Personal Level Affluence (USD)	Less than $10,000			
	178	176	Demographic | Personal Finance | $10,000-$14,999 |	Demographic	Personal Finance	Personal Level Affluence (USD)	$10,000-$14,999			
	179	176	Demographic | Personal Finance | $15,000-$19,999 |	Demographic	Personal Finance	Personal Level Affluence (USD)	$15,000-$19,999			
	180	176	Demographic | Personal Finance | $20000 - $39999 |	Demographic	Personal Finance	Personal Level Affluence (USD)	$20000 - $39999			
	181	176	Demographic | Personal Finance | $40000 - $49999 |	Demographic	Personal Finance	Personal Level Affluence (USD)	$40000 - $49999			
	182	176	Demographic | Personal Finance | $50000 - $74999 |	Demographic	Personal Finance	Personal Level Affluence (USD)	$50000 - $74999			
	183	176	Demographic | Personal Finance | $75000 - $99999 |	Demographic	Personal Finance	Personal Level Affluence (USD)	$75000 - $99999			
	184	176	Demographic | Personal Finance | $100000 - $149999 |	Demographic	Personal Finance	Personal Level Affluence (USD)	$100000 - $149999			
	185	176	Demographic | Personal Finance | $150,000-$174,999 |	Demographic	Personal Finance	Personal Level Affluence (USD)	$150,000-$174,999			
	186	176	Demographic | Personal Finance | $175,000-$199,999 |	Demographic	Personal Finance	Personal Level Affluence (USD)	$175,000-$199,999			
	187	176	Demographic | Personal Finance | $200,000-$249,999 |	Demographic	Personal Finance	Personal Level Affluence (USD)	$200,000-$249,999			
	188	176	Demographic | Personal Finance | $250,000-$500,000 |	Demographic	Personal Finance	Personal Level Affluence (USD)	$250,000-$500,000			
	189	176	Demographic | Personal Finance | $500,000-$1,000,000 |	Demographic	Personal Finance	Personal Level Affluence (USD)	$500,000-$1,000,000			
	190	176	Demographic | Personal Finance | $1,000,000+ |	Demographic	Personal Finance	Personal Level Affluence (USD)	$1,000,000+			
	191	163	Demographic | Personal Finance | Personal Level Affluence Band |	Demographic	Personal Finance	Personal Level Affluence Band				
	192	191	Demographic | Personal Finance | Negative Net Worth |	Demographic	Personal Finance	Personal Level Affluence Band	Negative Net Worth			
	193	191	Demographic | Personal Finance | Very Low Net Worth |	Demographic	Personal Finance	Personal Level Affluence Band	Very Low Net Worth			
	194	191	Demographic | Personal Finance | Low Net Worth |	Demographic	Personal Finance	Personal Level Affluence Band	Low Net Worth			
	195	191	Demographic | Personal Finance | Mid Net Worth |	Demographic	Personal Finance	Personal Level Affluence Band	Mid Net Worth			
	196	191	Demographic | Personal Finance | High Net Worth |	Demographic	Personal Finance	Personal Level Affluence Band	High Net Worth			
	197	191	Demographic | Personal Finance | Super High Net Worth |	Demographic	Personal Finance	Personal Level Affluence Band	Super High Net Worth			
	206		Interest	Interest						
	207	206	Interest | Academic Interests	Interest	Academic Interests					
	208	207	Interest | Academic Interests | Arts and Humanities |	Interest	Academic Interests	Arts and Humanities				
	209	208	Interest | Academic Interests | Critical Thinking |	Interest	Academic Interests	Arts and Humanities	Critical Thinking			
	210	208	Interest | Academic Interests | Counseling |	Interest	Academic Interests	Arts and Humanities	Counseling			
	211	208	Interest | Academic Interests | History |	Interest	Academic Interests	Arts and Humanities	History			
	212	208	Interest | Academic Interests | Music and Art |	Interest	Academic Interests	Arts and Humanities	Music and Art			
	213	208	Interest | Academic Interests | Philosophy |	Interest	Academic Interests	Arts and Humanities	Philosophy			
	214	207	Interest | Academic Interests | Language Learning |	Interest	Academic Interests	Language Learning				
	215	207	Interest | Academic Interests | Life Sciences |	Interest	Academic Interests	Life Sciences				
	216	215	Interest | Academic Interests | Animals and Veterinary Science |	Interest	Academic Interests	Life Sciences	Animals and Veterinary Science			
	217	215	Interest | Academic Interests | Bioinformatics |	Interest	Academic Interests	Life Sciences	Bioinformatics			
	218	215	Interest | Academic Interests | Biology |	Interest	Academic Interests	Life Sciences	Biology			
	219	215	Interest | Academic Interests | Medicine and Healthcare |	Interest	Academic Interests	Life Sciences	Medicine and Healthcare			
	220	215	Interest | Academic Interests | Nutrition |	Interest	Academic Interests	Life Sciences	Nutrition			
	221	215	Interest | Academic Interests | Clinical Science |	Interest	Academic Interests	Life Sciences	Clinical Science			
	222	215	Interest | Academic Interests | Genetics |	Interest	Academic Interests	Life Sciences	Genetics			
	223	207	Interest | Academic Interests | Physical Science and Engineering |	Interest	Academic Interests	Physical Science and Engineering				
	224	223	Interest | Academic Interests | Electrical Engineering |	Interest	Academic Interests	Physical Science and Engineering	Electrical Engineering			
	225	223	Interest | Academic Interests | Mechanical Engineering |	Interest	Academic Interests	Physical Science and Engineering	Mechanical Engineering			
	226	223	Interest | Academic Interests | Chemistry |	Interest	Academic Interests	Physical Science and Engineering	Chemistry			
	227	223	Interest | Academic Interests | Environmental Science and Sustainability |	Interest	Academic Interests	Physical Science and Engineering	Environmental Science and Sustainability			
	228	223	Interest | Academic Interests | Research Methods |	Interest	Academic Interests	Physical Science and Engineering	Research Methods			
	229	223	Interest | Academic Interests | Geography |	Interest	Academic Interests	Physical Science and Engineering	Geography			
	230	223	Interest | Academic Interests | Geology |	Interest	Academic Interests	Physical Science and Engineering	Geology			
	231	223	Interest | Academic Interests | Physics |	Interest	Academic Interests	Physical Science and Engineering	Physics			
	232	223	Interest | Academic Interests | Space and Astronomy |	Interest	Academic Interests	Physical Science and Engineering	Space and Astronomy			
	233	207	Interest | Academic Interests | Social Sciences |	Interest	Academic Interests	Social Sciences				
	234	233	Interest | Academic Interests | Psychology |	Interest	Academic Interests	Social Sciences	Psychology			
	235	233	Interest | Academic Interests | International Relations |	Interest	Academic Interests	Social Sciences	International Relations			
	236	233	Interest | Academic Interests | Research Paper Writing |	Interest	Academic Interests	Social Sciences	Research Paper Writing			
	237	233	Interest | Academic Interests | Statistics |	Interest	Academic Interests	Social Sciences	Statistics			
	238	233	Interest | Academic Interests | Law |	Interest	Academic Interests	Social Sciences	Law			
	239	233	Interest | Academic Interests | Critical Thinking |	Interest	Academic Interests	Social Sciences	Critical Thinking			
	240	233	Interest | Academic Interests | Economics |	Interest	Academic Interests	Social Sciences	Economics			
	241	233	Interest | Academic Interests | Education |	Interest	Academic Interests	Social Sciences	Education			
	242	233	Interest | Academic Interests | Governance and Society |	Interest	Academic Interests	Social Sciences	Governance and Society			
	243	206	Interest | Automotive	Interest	Automotive					
	244	243	Interest | Automotive | Auto Buying and Selling |	Interest	Automotive	Auto Buying and Selling				
	245	243	Interest | Automotive | Auto Shows |	Interest	Automotive	Auto Shows				
	246	243	Interest | Automotive | Auto Technology |	Interest	Automotive	Auto Technology				
	247	243	Interest | Automotive | Budget Cars |	Interest	Automotive	Budget Cars				
	248	243	Interest | Automotive | Car Culture |	Interest	Automotive	Car Culture				
	249	243	Interest | Automotive | Classic Cars |	Interest	Automotive	Classic Cars				
	250	243	Interest | Automotive | Concept Cars |	Interest	Automotive	Concept Cars				
	251	243	Interest | Automotive | Dash Cam Videos |	Interest	Automotive	Dash Cam Videos				
	252	243	Interest | Automotive | Driverless Cars |	Interest	Automotive	Driverless Cars				
	253	243	Interest | Automotive | Green Vehicles |	Interest	Automotive	Green Vehicles				
	254	243	Interest | Automotive | Luxury Cars |	Interest	Automotive	Luxury Cars				
	255	243	Interest | Automotive | Motorcycles |	Interest	Automotive	Motorcycles				
	256	243	Interest | Automotive | Performance Cars |	Interest	Automotive	Performance Cars				
	257	243	Interest | Automotive | Scooters |	Interest	Automotive	Scooters				
	258	206	Interest | Books and Literature	Interest	Books and Literature					
	259	258	Interest | Books and Literature | Art and Photography Books |	Interest	Books and Literature	Art and Photography Books				
	260	258	Interest | Books and Literature | Biographies |	Interest	Books and Literature	Biographies				
	261	258	Interest | Books and Literature | Children's Literature |	Interest	Books and Literature	Children's Literature				
	262	258	Interest | Books and Literature | Comics and Graphic Novels |	Interest	Books and Literature	Comics and Graphic Novels				
	263	258	Interest | Books and Literature | Cookbooks |	Interest	Books and Literature	Cookbooks				
	264	258	Interest | Books and Literature | Fiction |	Interest	Books and Literature	Fiction				
	265	258	Interest | Books and Literature | Poetry |	Interest	Books and Literature	Poetry				
	266	258	Interest | Books and Literature | Travel Books |	Interest	Books and Literature	Travel Books				
	267	258	Interest | Books and Literature | Young Adult Literature |	Interest	Books and Literature	Young Adult Literature				
	268	206	Interest | Business and Finance	Interest	Business and Finance					
	269	268	Interest | Business and Finance | Business |	Interest	Business and Finance	Business				
	270	269	Interest | Business and Finance | Business Accounting & Finance |	Interest	Business and Finance	Business	Business Accounting & Finance			
	271	269	Interest | Business and Finance | Human Resources |	Interest	Business and Finance	Business	Human Resources			
	272	269	Interest | Business and Finance | Large Business |	Interest	Business and Finance	Business	Large Business			
	273	269	Interest | Business and Finance | Logistics |	Interest	Business and Finance	Business	Logistics			
	274	269	Interest | Business and Finance | Marketing and Advertising |	Interest	Business and Finance	Business	Marketing and Advertising			
	275	269	Interest | Business and Finance | Sales |	Interest	Business and Finance	Business	Sales			
	276	269	Interest | Business and Finance | Small and Medium-sized Business |	Interest	Business and Finance	Business	Small and Medium-sized Business			
	277	269	Interest | Business and Finance | Startups |	Interest	Business and Finance	Business	Startups			
	278	269	Interest | Business and Finance | Business Administration |	Interest	Business and Finance	Business	Business Administration			
	279	269	Interest | Business and Finance | Business Banking & Finance |	Interest	Business and Finance	Business	Business Banking & Finance			
	280	279	Interest | Business and Finance | Angel Investment |	Interest	Business and Finance	Business	Business Banking & Finance	Angel Investment		
	281	279	Interest | Business and Finance | Bankruptcy |	Interest	Business and Finance	Business	Business Banking & Finance	Bankruptcy		
	282	279	Interest | Business and Finance | Business Loans |	Interest	Business and Finance	Business	Business Banking & Finance	Business Loans		
	283	279	Interest | Business and Finance | Debt Factoring & Invoice Discounting |	Interest	Business and Finance	Business	Business Banking & Finance	Debt Factoring & Invoice Discounting		
	284	279	Interest | Business and Finance | Mergers and Acquisitions |	Interest	Business and Finance	Business	Business Banking & Finance	Mergers and Acquisitions		
	285	279	Interest | Business and Finance | Private Equity |	Interest	Business and Finance	Business	Business Banking & Finance	Private Equity		
	286	279	Interest | Business and Finance | Sale & Lease Back |	Interest	Business and Finance	Business	Business Banking & Finance	Sale & Lease Back		
	287	279	Interest | Business and Finance | Venture Capital |	Interest	Business and Finance	Business	Business Banking & Finance	Venture Capital		
	288	269	Interest | Business and Finance | Business I.T. |	Interest	Business and Finance	Business	Business I.T.			
	289	269	Interest | Business and Finance | Business Operations |	Interest	Business and Finance	Business	Business Operations			
	290	269	Interest | Business and Finance | Consumer Issues |	Interest	Business and Finance	Business	Consumer Issues			
	291	269	Interest | Business and Finance | Executive Leadership & Management |	Interest	Business and Finance	Business	Executive Leadership & Management			
	292	269	Interest | Business and Finance | Government Business |	Interest	Business and Finance	Business	Government Business			
	293	269	Interest | Business and Finance | Green Solutions |	Interest	Business and Finance	Business	Green Solutions			
	294	269	Interest | Business and Finance | Business Utilities |	Interest	Business and Finance	Business	Business Utilities			
	295	268	Interest | Business and Finance | Economy |	Interest	Business and Finance	Economy				
	296	295	Interest | Business and Finance | Commodities |	Interest	Business and Finance	Economy	Commodities			
	297	295	Interest | Business and Finance | Currencies |	Interest	Business and Finance	Economy	Currencies			
	298	295	Interest | Business and Finance | Financial Crisis |	Interest	Business and Finance	Economy	Financial Crisis			
	299	295	Interest | Business and Finance | Financial Reform |	Interest	Business and Finance	Economy	Financial Reform			
	300	295	Interest | Business and Finance | Financial Regulation |	Interest	Business and Finance	Economy	Financial Regulation			
	301	295	Interest | Business and Finance | Gasoline Prices |	Interest	Business and Finance	Economy	Gasoline Prices			
	302	295	Interest | Business and Finance | Housing Market |	Interest	Business and Finance	Economy	Housing Market			
	303	295	Interest | Business and Finance | Interest Rates |	Interest	Business and Finance	Economy	Interest Rates			
	304	295	Interest | Business and Finance | Job Market |	Interest	Business and Finance	Economy	Job Market			
	305	268	Interest | Business and Finance | Industries |	Interest	Business and Finance	Industries				
	306	305	Interest | Business and Finance | Advertising Industry |	Interest	Business and Finance	Industries	Advertising Industry			
	307	305	Interest | Business and Finance | Education industry |	Interest	Business and Finance	Industries	Education industry			
	308	305	Interest | Business and Finance | Entertainment Industry |	Interest	Business and Finance	Industries	Entertainment Industry			
	309	305	Interest | Business and Finance | Environmental Services Industry |	Interest	Business and Finance	Industries	Environmental Services Industry			
	310	305	Interest | Business and Finance | Financial Industry |	Interest	Business and Finance	Industries	Financial Industry			
	311	305	Interest | Business and Finance | Food Industry |	Interest	Business and Finance	Industries	Food Industry			
	312	305	Interest | Business and Finance | Healthcare Industry |	Interest	Business and Finance	Industries	Healthcare Industry			
	313	305	Interest | Business and Finance | Hospitality Industry |	Interest	Business and Finance	Industries	Hospitality Industry			
	314	305	Interest | Business and Finance | Information Services Industry |	Interest	Business and Finance	Industries	Information Services Industry			
	315	305	Interest | Business and Finance | Legal Services Industry |	Interest	Business and Finance	Industries	Legal Services Industry			
	316	305	Interest | Business and Finance | Logistics and Transportation Industry |	Interest	Business and Finance	Industries	Logistics and Transportation Industry			
	317	305	Interest | Business and Finance | Agriculture |	Interest	Business and Finance	Industries	Agriculture			
	318	305	Interest | Business and Finance | Management Consulting Industry |	Interest	Business and Finance	Industries	Management Consulting Industry			
	319	305	Interest | Business and Finance | Manufacturing Industry |	Interest	Business and Finance	Industries	Manufacturing Industry			
	320	305	Interest | Business and Finance | Mechanical and Industrial Engineering Industry |	Interest	Business and Finance	Industries	Mechanical and Industrial Engineering Industry			
	321	305	Interest | Business and Finance | Media Industry |	Interest	Business and Finance	Industries	Media Industry			
	322	305	Interest | Business and Finance | Metals Industry |	Interest	Business and Finance	Industries	Metals Industry			
	323	305	Interest | Business and Finance | Non-Profit Organizations |	Interest	Business and Finance	Industries	Non-Profit Organizations			
	324	305	Interest | Business and Finance | Pharmaceutical Industry |	Interest	Business and Finance	Industries	Pharmaceutical Industry			
	325	305	Interest | Business and Finance | Power and Energy Industry |	Interest	Business and Finance	Industries	Power and Energy Industry			
	326	305	Interest | Business and Finance | Publishing Industry |	Interest	Business and Finance	Industries	Publishing Industry			
	327	305	Interest | Business and Finance | Real Estate Industry |	Interest	Business and Finance	Industries	Real Estate Industry			
	328	305	Interest | Business and Finance | Apparel Industry |	Interest	Business and Finance	Industries	Apparel Industry			
	329	305	Interest | Business and Finance | Retail Industry |	Interest	Business and Finance	Industries	Retail Industry			
	330	305	Interest | Business and Finance | Technology Industry |	Interest	Business and Finance	Industries	Technology Industry			
	331	305	Interest | Business and Finance | Telecommunications Industry |	Interest	Business and Finance	Industries	Telecommunications Industry			
	332	305	Interest | Business and Finance | Automotive Industry |	Interest	Business and Finance	Industries	Automotive Industry			
	333	305	Interest | Business and Finance | Aviation Industry |	Interest	Business and Finance	Industries	Aviation Industry			
	334	305	Interest | Business and Finance | Biotech and Biomedical Industry |	Interest	Business and Finance	Industries	Biotech and Biomedical Industry			
	335	305	Interest | Business and Finance | Civil Engineering Industry |	Interest	Business and Finance	Industries	Civil Engineering Industry			
	336	305	Interest | Business and Finance | Construction Industry |	Interest	Business and Finance	Industries	Construction Industry			
	337	305	Interest | Business and Finance | Defense Industry |	Interest	Business and Finance	Industries	Defense Industry			
	338	206	Interest | Careers	Interest	Careers					
	339	338	Interest | Careers | Apprenticeships |	Interest	Careers	Apprenticeships				
	340	338	Interest | Careers | Career Advice |	Interest	Careers	Career Advice				
	341	338	Interest | Careers | Career Planning |	Interest	Careers	Career Planning				
	342	338	Interest | Careers | Remote Working |	Interest	Careers	Remote Working				
	343	338	Interest | Careers | Vocational Training |	Interest	Careers	Vocational Training				
	344	206	Interest | Education	Interest	Education					
	345	344	Interest | Education | Adult Education |	Interest	Education	Adult Education				
	346	344	Interest | Education | Language Learning |	Interest	Education	Language Learning				
	347	344	Interest | Education | Online Education |	Interest	Education	Online Education				
	348	206	Interest | Family and Relationships	Interest	Family and Relationships					
	350	348	Interest | Family and Relationships | Parenting |	Interest	Family and Relationships	Parenting				
	352	350	Interest | Family and Relationships | Daycare and Pre-School |	Interest	Family and Relationships	Parenting	Daycare and Pre-School			
	353	350	Interest | Family and Relationships | Internet Safety |	Interest	Family and Relationships	Parenting	Internet Safety			
	354	350	Interest | Family and Relationships | Parenting Babies and Toddlers |	Interest	Family and Relationships	Parenting	Parenting Babies and Toddlers			
	355	350	Interest | Family and Relationships | Parenting Children Aged 4-11 |	Interest	Family and Relationships	Parenting	Parenting Children Aged 4-11			
	356	350	Interest | Family and Relationships | Parenting Teens |	Interest	Family and Relationships	Parenting	Parenting Teens			
	359	206	Interest | Fine Art	Interest	Fine Art					
	360	359	Interest | Fine Art | Costume |	Interest	Fine Art	Costume				
	361	359	Interest | Fine Art | Dance |	Interest	Fine Art	Dance				
	362	359	Interest | Fine Art | Design |	Interest	Fine Art	Design				
	363	359	Interest | Fine Art | Digital Arts |	Interest	Fine Art	Digital Arts				
	364	359	Interest | Fine Art | Fine Art Photography |	Interest	Fine Art	Fine Art Photography				
	365	359	Interest | Fine Art | Modern Art |	Interest	Fine Art	Modern Art				
	366	359	Interest | Fine Art | Opera |	Interest	Fine Art	Opera				
	367	359	Interest | Fine Art | Theater |	Interest	Fine Art	Theater				
	368	206	Interest | Food & Drink	Interest	Food & Drink					
	369	368	Interest | Food & Drink | Alcoholic Beverages |	Interest	Food & Drink	Alcoholic Beverages				
	370	368	Interest | Food & Drink | Barbecues and Grilling |	Interest	Food & Drink	Barbecues and Grilling				
	371	368	Interest | Food & Drink | Cooking |	Interest	Food & Drink	Cooking				
	372	368	Interest | Food & Drink | Desserts and Baking |	Interest	Food & Drink	Desserts and Baking				
	373	368	Interest | Food & Drink | Dining Out |	Interest	Food & Drink	Dining Out				
	374	368	Interest | Food & Drink | Food Allergies |	Interest	Food & Drink	Food Allergies				
	375	368	Interest | Food & Drink | Food Movements |	Interest	Food & Drink	Food Movements				
	376	368	Interest | Food & Drink | Healthy Cooking and Eating |	Interest	Food & Drink	Healthy Cooking and Eating				
	377	368	Interest | Food & Drink | Non-Alcoholic Beverages |	Interest	Food & Drink	Non-Alcoholic Beverages				
	378	368	Interest | Food & Drink | Vegan Diets |	Interest	Food & Drink	Vegan Diets				
	379	368	Interest | Food & Drink | Vegetarian Diets |	Interest	Food & Drink	Vegetarian Diets				
	380	368	Interest | Food & Drink | World Cuisines |	Interest	Food & Drink	World Cuisines				
	381	206	Interest | Health and Medical Services	Interest	Health and Medical Services					
	382	381	Interest | Health and Medical Services | Health & Pharma |	Interest	Health and Medical Services	Health & Pharma				
	383	382	Interest | Health and Medical Services | Medical Services |	Interest	Health and Medical Services	Health & Pharma	Medical Services			
	385	383	Interest | Health and Medical Services | Health Services |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Health Services		
	386	383	Interest | Health and Medical Services | Health Care and Physicians |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Health Care and Physicians		
	387	383	Interest | Health and Medical Services | Alternative and Natural Medicine |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Alternative and Natural Medicine		
	388	383	Interest | Health and Medical Services | Cosmetic Medical Services |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Cosmetic Medical Services		
	389	383	Interest | Health and Medical Services | Drugstores and Pharmacies |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Drugstores and Pharmacies		
	390	383	Interest | Health and Medical Services | Elder Care |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Elder Care		
	391	383	Interest | Health and Medical Services | Vision Care |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Vision Care		
	392	383	Interest | Health and Medical Services | Dental Care |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Dental Care		
	393	383	Interest | Health and Medical Services | Massage Therapists |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Massage Therapists		
	394	383	Interest | Health and Medical Services | Physical Therapists |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Physical Therapists		
	395	383	Interest | Health and Medical Services | Chiropractors |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Chiropractors		
	397	383	Interest | Health and Medical Services | Hospitals |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Hospitals		
	398	383	Interest | Health and Medical Services | Skin Care Treatments |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Skin Care Treatments		
	399	383	Interest | Health and Medical Services | Smoking Cessation |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Smoking Cessation		
	400	383	Interest | Health and Medical Services | Clinical Research |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Clinical Research		
	401	383	Interest | Health and Medical Services | Hair Loss Treatments |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Hair Loss Treatments		
	404	383	Interest | Health and Medical Services | Vaccines |	Interest	Health and Medical Services	Health & Pharma	Medical Services	Vaccines		
	406	206	Interest | Healthy Living	Interest	Healthy Living					
	407	406	Interest | Healthy Living | Children's Health |	Interest	Healthy Living	Children's Health				
	408	406	Interest | Healthy Living | Fitness and Exercise |	Interest	Healthy Living	Fitness and Exercise				
	409	408	Interest | Healthy Living | Participant Sports |	Interest	Healthy Living	Fitness and Exercise	Participant Sports			
	410	408	Interest | Healthy Living | Running and Jogging |	Interest	Healthy Living	Fitness and Exercise	Running and Jogging			
	411	406	Interest | Healthy Living | Men's Health |	Interest	Healthy Living	Men's Health				
	412	406	Interest | Healthy Living | Nutrition |	Interest	Healthy Living	Nutrition				
	413	406	Interest | Healthy Living | Senior Health |	Interest	Healthy Living	Senior Health				
	414	406	Interest | Healthy Living | Weight Loss |	Interest	Healthy Living	Weight Loss				
	415	406	Interest | Healthy Living | Wellness |	Interest	Healthy Living	Wellness				
	416	415	Interest | Healthy Living | Alternative Medicine |	Interest	Healthy Living	Wellness	Alternative Medicine			
	417	416	Interest | Healthy Living | Herbs and Supplements |	Interest	Healthy Living	Wellness	Alternative Medicine	Herbs and Supplements		
	418	416	Interest | Healthy Living | Holistic Health |	Interest	Healthy Living	Wellness	Alternative Medicine	Holistic Health		
	419	415	Interest | Healthy Living | Physical Therapy |	Interest	Healthy Living	Wellness	Physical Therapy			
	420	415	Interest | Healthy Living | Smoking Cessation |	Interest	Healthy Living	Wellness	Smoking Cessation			
	421	406	Interest | Healthy Living | Women's Health |	Interest	Healthy Living	Women's Health				
	422	206	Interest | Hobbies & Interests	Interest	Hobbies & Interests					
	423	422	Interest | Hobbies & Interests | Antiquing and Antiques |	Interest	Hobbies & Interests	Antiquing and Antiques				
	424	422	Interest | Hobbies & Interests | Arts and Crafts |	Interest	Hobbies & Interests	Arts and Crafts				
	425	424	Interest | Hobbies & Interests | Beadwork |	Interest	Hobbies & Interests	Arts and Crafts	Beadwork			
	426	424	Interest | Hobbies & Interests | Candle and Soap Making |	Interest	Hobbies & Interests	Arts and Crafts	Candle and Soap Making			
	427	424	Interest | Hobbies & Interests | Drawing and Sketching |	Interest	Hobbies & Interests	Arts and Crafts	Drawing and Sketching			
	428	424	Interest | Hobbies & Interests | Jewelry Making |	Interest	Hobbies & Interests	Arts and Crafts	Jewelry Making			
	429	424	Interest | Hobbies & Interests | Needlework |	Interest	Hobbies & Interests	Arts and Crafts	Needlework			
	430	424	Interest | Hobbies & Interests | Painting |	Interest	Hobbies & Interests	Arts and Crafts	Painting			
	431	424	Interest | Hobbies & Interests | Photography |	Interest	Hobbies & Interests	Arts and Crafts	Photography			
	432	424	Interest | Hobbies & Interests | Scrapbooking |	Interest	Hobbies & Interests	Arts and Crafts	Scrapbooking			
	433	424	Interest | Hobbies & Interests | Woodworking |	Interest	Hobbies & Interests	Arts and Crafts	Woodworking			
	434	422	Interest | Hobbies & Interests | Beekeeping |	Interest	Hobbies & Interests	Beekeeping				
	435	422	Interest | Hobbies & Interests | Birdwatching |	Interest	Hobbies & Interests	Birdwatching				
	436	422	Interest | Hobbies & Interests | Cigars |	Interest	Hobbies & Interests	Cigars				
	437	422	Interest | Hobbies & Interests | Collecting |	Interest	Hobbies & Interests	Collecting				
	438	437	Interest | Hobbies & Interests | Comic Books |	Interest	Hobbies & Interests	Collecting	Comic Books			
	439	437	Interest | Hobbies & Interests | Stamps and Coins |	Interest	Hobbies & Interests	Collecting	Stamps and Coins			
	440	422	Interest | Hobbies & Interests | Content Production |	Interest	Hobbies & Interests	Content Production				
	441	440	Interest | Hobbies & Interests | Audio Production |	Interest	Hobbies & Interests	Content Production	Audio Production			
	442	440	Interest | Hobbies & Interests | Freelance Writing |	Interest	Hobbies & Interests	Content Production	Freelance Writing			
	443	440	Interest | Hobbies & Interests | Screenwriting |	Interest	Hobbies & Interests	Content Production	Screenwriting			
	444	440	Interest | Hobbies & Interests | Video Production |	Interest	Hobbies & Interests	Content Production	Video Production			
	445	422	Interest | Hobbies & Interests | Games and Puzzles |	Interest	Hobbies & Interests	Games and Puzzles				
	446	445	Interest | Hobbies & Interests | Board Games and Puzzles |	Interest	Hobbies & Interests	Games and Puzzles	Board Games and Puzzles			
	447	445	Interest | Hobbies & Interests | Card Games |	Interest	Hobbies & Interests	Games and Puzzles	Card Games			
	448	445	Interest | Hobbies & Interests | Roleplaying Games |	Interest	Hobbies & Interests	Games and Puzzles	Roleplaying Games			
	449	422	Interest | Hobbies & Interests | Genealogy and Ancestry |	Interest	Hobbies & Interests	Genealogy and Ancestry				
	450	422	Interest | Hobbies & Interests | Magic and Illusion |	Interest	Hobbies & Interests	Magic and Illusion				
	451	422	Interest | Hobbies & Interests | Model Toys |	Interest	Hobbies & Interests	Model Toys				
	452	422	Interest | Hobbies & Interests | Musical Instruments |	Interest	Hobbies & Interests	Musical Instruments				
	453	422	Interest | Hobbies & Interests | Paranormal Phenomena |	Interest	Hobbies & Interests	Paranormal Phenomena				
	454	422	Interest | Hobbies & Interests | Radio Control |	Interest	Hobbies & Interests	Radio Control				
	455	422	Interest | Hobbies & Interests | Sci-fi and Fantasy |	Interest	Hobbies & Interests	Sci-fi and Fantasy				
	456	422	Interest | Hobbies & Interests | Workshops and Classes |	Interest	Hobbies & Interests	Workshops and Classes				
	457	206	Interest | Home & Garden	Interest	Home & Garden					
	458	457	Interest | Home & Garden | Gardening |	Interest	Home & Garden	Gardening				
	459	457	Interest | Home & Garden | Home Entertaining |	Interest	Home & Garden	Home Entertaining				
	460	457	Interest | Home & Garden | Home Improvement |	Interest	Home & Garden	Home Improvement				
	461	457	Interest | Home & Garden | Interior Decorating |	Interest	Home & Garden	Interior Decorating				
	462	457	Interest | Home & Garden | Landscaping |	Interest	Home & Garden	Landscaping				
	463	457	Interest | Home & Garden | Outdoor Decorating |	Interest	Home & Garden	Outdoor Decorating				
	464	457	Interest | Home & Garden | Remodeling & Construction |	Interest	Home & Garden	Remodeling & Construction				
	465	457	Interest | Home & Garden | Smart Home |	Interest	Home & Garden	Smart Home				
	466	206	Interest | Medical Health	Interest	Medical Health					
	467	206	Interest | Movies	Interest	Movies					
	468	467	Interest | Movies | Action and Adventure Movies |	Interest	Movies	Action and Adventure Movies				
	469	467	Interest | Movies | Animation Movies |	Interest	Movies	Animation Movies				
	470	467	Interest | Movies | Comedy Movies |	Interest	Movies	Comedy Movies				
	471	467	Interest | Movies | Crime and Mystery Movies |	Interest	Movies	Crime and Mystery Movies				
	472	467	Interest | Movies | Documentary Movies |	Interest	Movies	Documentary Movies				
	473	467	Interest | Movies | Drama Movies |	Interest	Movies	Drama Movies				
	474	467	Interest | Movies | Family and Children Movies |	Interest	Movies	Family and Children Movies				
	475	467	Interest | Movies | Fantasy Movies |	Interest	Movies	Fantasy Movies				
	476	467	Interest | Movies | Horror Movies |	Interest	Movies	Horror Movies				
	477	467	Interest | Movies | Indie and Arthouse Movies |	Interest	Movies	Indie and Arthouse Movies				
	478	467	Interest | Movies | Romance Movies |	Interest	Movies	Romance Movies				
	479	467	Interest | Movies | Science Fiction Movies |	Interest	Movies	Science Fiction Movies				
	480	467	Interest | Movies | World Movies |	Interest	Movies	World Movies				
	481	206	Interest | Music and Audio	Interest	Music and Audio					
	482	481	Interest | Music and Audio | Adult Album Alternative |	Interest	Music and Audio	Adult Album Alternative				
	483	481	Interest | Music and Audio | Adult Contemporary Music |	Interest	Music and Audio	Adult Contemporary Music				
	484	483	Interest | Music and Audio | Soft AC Music |	Interest	Music and Audio	Adult Contemporary Music	Soft AC Music			
	485	483	Interest | Music and Audio | Urban AC Music |	Interest	Music and Audio	Adult Contemporary Music	Urban AC Music			
	486	481	Interest | Music and Audio | Alternative Music |	Interest	Music and Audio	Alternative Music				
	487	481	Interest | Music and Audio | Blues |	Interest	Music and Audio	Blues				
	488	481	Interest | Music and Audio | Children's Music |	Interest	Music and Audio	Children's Music				
	489	481	Interest | Music and Audio | Classic Hits |	Interest	Music and Audio	Classic Hits				
	490	481	Interest | Music and Audio | Classical Music |	Interest	Music and Audio	Classical Music				
	491	481	Interest | Music and Audio | College Radio |	Interest	Music and Audio	College Radio				
	492	481	Interest | Music and Audio | Comedy (Music and Audio) |	Interest	Music and Audio	Comedy (Music and Audio)				
	493	481	Interest | Music and Audio | Contemporary Hits/Pop/Top 40 |	Interest	Music and Audio	Contemporary Hits/Pop/Top 40				
	494	481	Interest | Music and Audio | Country Music |	Interest	Music and Audio	Country Music				
	495	481	Interest | Music and Audio | Dance and Electronic Music |	Interest	Music and Audio	Dance and Electronic Music				
	496	481	Interest | Music and Audio | Gospel Music |	Interest	Music and Audio	Gospel Music				
	497	481	Interest | Music and Audio | Hip Hop Music |	Interest	Music and Audio	Hip Hop Music				
	498	481	Interest | Music and Audio | Inspirational/New Age Music |	Interest	Music and Audio	Inspirational/New Age Music				
	499	481	Interest | Music and Audio | Jazz |	Interest	Music and Audio	Jazz				
	500	481	Interest | Music and Audio | Oldies/Adult Standards |	Interest	Music and Audio	Oldies/Adult Standards				
	501	481	Interest | Music and Audio | R&B/Soul/Funk |	Interest	Music and Audio	R&B/Soul/Funk				
	502	481	Interest | Music and Audio | Reggae |	Interest	Music and Audio	Reggae				
	503	481	Interest | Music and Audio | Religious (Music and Audio) |	Interest	Music and Audio	Religious (Music and Audio)				
	504	481	Interest | Music and Audio | Rock Music |	Interest	Music and Audio	Rock Music				
	505	504	Interest | Music and Audio | Album-oriented Rock |	Interest	Music and Audio	Rock Music	Album-oriented Rock			
	506	504	Interest | Music and Audio | Alternative Rock |	Interest	Music and Audio	Rock Music	Alternative Rock			
	507	504	Interest | Music and Audio | Classic Rock |	Interest	Music and Audio	Rock Music	Classic Rock			
	508	504	Interest | Music and Audio | Hard Rock |	Interest	Music and Audio	Rock Music	Hard Rock			
	509	504	Interest | Music and Audio | Soft Rock |	Interest	Music and Audio	Rock Music	Soft Rock			
	510	481	Interest | Music and Audio | Songwriters/Folk |	Interest	Music and Audio	Songwriters/Folk				
	511	481	Interest | Music and Audio | Soundtracks, TV and Showtunes |	Interest	Music and Audio	Soundtracks, TV and Showtunes				
	512	481	Interest | Music and Audio | Sports Radio |	Interest	Music and Audio	Sports Radio				
	513	481	Interest | Music and Audio | Talk Radio |	Interest	Music and Audio	Talk Radio				
	514	513	Interest | Music and Audio | Business News Radio |	Interest	Music and Audio	Talk Radio	Business News Radio			
	515	513	Interest | Music and Audio | Educational Radio |	Interest	Music and Audio	Talk Radio	Educational Radio			
	516	513	Interest | Music and Audio | News Radio |	Interest	Music and Audio	Talk Radio	News Radio			
	517	513	Interest | Music and Audio | News/Talk Radio |	Interest	Music and Audio	Talk Radio	News/Talk Radio			
	518	513	Interest | Music and Audio | Public Radio |	Interest	Music and Audio	Talk Radio	Public Radio			
	519	481	Interest | Music and Audio | Urban Contemporary Music |	Interest	Music and Audio	Urban Contemporary Music				
	520	481	Interest | Music and Audio | Variety (Music and Audio) |	Interest	Music and Audio	Variety (Music and Audio)				
	521	481	Interest | Music and Audio | World/International Music |	Interest	Music and Audio	World/International Music				
	522	206	Interest | News and Politics	Interest	News and Politics					
	523	522	Interest | News and Politics | Crime |	Interest	News and Politics	Crime				
	524	522	Interest | News and Politics | Disasters |	Interest	News and Politics	Disasters				
	525	522	Interest | News and Politics | International News |	Interest	News and Politics	International News				
	526	522	Interest | News and Politics | Law |	Interest	News and Politics	Law				
	527	522	Interest | News and Politics | Local News |	Interest	News and Politics	Local News				
	528	522	Interest | News and Politics | National News |	Interest	News and Politics	National News				
	529	522	Interest | News and Politics | Politics |	Interest	News and Politics	Politics				
	530	529	Interest | News and Politics | Elections |	Interest	News and Politics	Politics	Elections			
	531	529	Interest | News and Politics | Political Issues |	Interest	News and Politics	Politics	Political Issues			
	532	529	Interest | News and Politics | War and Conflicts |	Interest	News and Politics	Politics	War and Conflicts			
	533	522	Interest | News and Politics | Weather |	Interest	News and Politics	Weather				
	534	206	Interest | Personal Finance	Interest	Personal Finance					
	535	534	Interest | Personal Finance | Frugal Living |	Interest	Personal Finance	Frugal Living				
	536	534	Interest | Personal Finance | Insurance |	Interest	Personal Finance	Insurance				
	537	534	Interest | Personal Finance | Personal Debt |	Interest	Personal Finance	Personal Debt				
	538	534	Interest | Personal Finance | Personal Investing |	Interest	Personal Finance	Personal Investing				
	539	534	Interest | Personal Finance | Personal Taxes |	Interest	Personal Finance	Personal Taxes				
	540	534	Interest | Personal Finance | Retirement Planning |	Interest	Personal Finance	Retirement Planning				
	541	206	Interest | Pets	Interest	Pets					
	542	541	Interest | Pets | Birds |	Interest	Pets	Birds				
	543	541	Interest | Pets | Cats |	Interest	Pets	Cats				
	544	541	Interest | Pets | Dogs |	Interest	Pets	Dogs				
	545	541	Interest | Pets | Fish and Aquariums |	Interest	Pets	Fish and Aquariums				
	546	541	Interest | Pets | Horses and Equine |	Interest	Pets	Horses and Equine				
	547	541	Interest | Pets | Large Animals |	Interest	Pets	Large Animals				
	548	541	Interest | Pets | Pet Adoptions |	Interest	Pets	Pet Adoptions				
	549	541	Interest | Pets | Reptiles |	Interest	Pets	Reptiles				
	550	206	Interest | Pharmaceuticals, Conditions, and Symptoms	Interest	Pharmaceuticals, Conditions, and Symptoms					
	551	550	Interest | Pharmaceuticals, Conditions, and Symptoms | Health & Pharma |	Interest	Pharmaceuticals, Conditions, and Symptoms	Health & Pharma				
	581	206	Interest | Pop Culture	Interest	Pop Culture					
	582	581	Interest | Pop Culture | Humor and Satire |	Interest	Pop Culture	Humor and Satire				
	583	206	Interest | Real Estate	Interest	Real Estate					
	584	583	Interest | Real Estate | Apartments |	Interest	Real Estate	Apartments				
	585	583	Interest | Real Estate | Developmental Sites |	Interest	Real Estate	Developmental Sites				
	586	583	Interest | Real Estate | Hotel Properties |	Interest	Real Estate	Hotel Properties				
	587	583	Interest | Real Estate | Houses |	Interest	Real Estate	Houses				
	588	583	Interest | Real Estate | Industrial Property |	Interest	Real Estate	Industrial Property				
	589	583	Interest | Real Estate | Land and Farms |	Interest	Real Estate	Land and Farms				
	590	583	Interest | Real Estate | Office Property |	Interest	Real Estate	Office Property				
	591	583	Interest | Real Estate | Real Estate Buying and Selling |	Interest	Real Estate	Real Estate Buying and Selling				
	592	583	Interest | Real Estate | Real Estate Renting and Leasing |	Interest	Real Estate	Real Estate Renting and Leasing				
	593	583	Interest | Real Estate | Retail Property |	Interest	Real Estate	Retail Property				
	594	583	Interest | Real Estate | Vacation Properties |	Interest	Real Estate	Vacation Properties				
	606	206	Interest | Shopping	Interest	Shopping					
	607	206	Interest | Sports	Interest	Sports					
	608	607	Interest | Sports | American Football |	Interest	Sports	American Football				
	609	607	Interest | Sports | Australian Rules Football |	Interest	Sports	Australian Rules Football				
	610	607	Interest | Sports | Auto Racing |	Interest	Sports	Auto Racing				
	611	610	Interest | Sports | Motorcycle Sports |	Interest	Sports	Auto Racing	Motorcycle Sports			
	612	607	Interest | Sports | Badminton |	Interest	Sports	Badminton				
	613	607	Interest | Sports | Baseball |	Interest	Sports	Baseball				
	614	607	Interest | Sports | Basketball |	Interest	Sports	Basketball				
	615	607	Interest | Sports | Beach Volleyball |	Interest	Sports	Beach Volleyball				
	616	607	Interest | Sports | Bodybuilding |	Interest	Sports	Bodybuilding				
	617	607	Interest | Sports | Bowling |	Interest	Sports	Bowling				
	618	607	Interest | Sports | Boxing |	Interest	Sports	Boxing				
	619	607	Interest | Sports | Cheerleading |	Interest	Sports	Cheerleading				
	620	607	Interest | Sports | College Sports |	Interest	Sports	College Sports				
	621	620	Interest | Sports | College Football |	Interest	Sports	College Sports	College Football			
	622	620	Interest | Sports | College Basketball |	Interest	Sports	College Sports	College Basketball			
	623	620	Interest | Sports | College Baseball |	Interest	Sports	College Sports	College Baseball			
	624	607	Interest | Sports | Cricket |	Interest	Sports	Cricket				
	625	607	Interest | Sports | Cycling |	Interest	Sports	Cycling				
	626	607	Interest | Sports | Darts |	Interest	Sports	Darts				
	627	607	Interest | Sports | Disabled Sports |	Interest	Sports	Disabled Sports				
	628	607	Interest | Sports | Diving |	Interest	Sports	Diving				
	629	607	Interest | Sports | Equine Sports |	Interest	Sports	Equine Sports				
	630	629	Interest | Sports | Horse Racing |	Interest	Sports	Equine Sports	Horse Racing			
	631	607	Interest | Sports | Extreme Sports |	Interest	Sports	Extreme Sports				
	632	631	Interest | Sports | Canoeing and Kayaking |	Interest	Sports	Extreme Sports	Canoeing and Kayaking			
	633	631	Interest | Sports | Climbing |	Interest	Sports	Extreme Sports	Climbing			
	634	631	Interest | Sports | Paintball |	Interest	Sports	Extreme Sports	Paintball			
	635	631	Interest | Sports | Scuba Diving |	Interest	Sports	Extreme Sports	Scuba Diving			
	636	631	Interest | Sports | Skateboarding |	Interest	Sports	Extreme Sports	Skateboarding			
	637	631	Interest | Sports | Snowboarding |	Interest	Sports	Extreme Sports	Snowboarding			
	638	631	Interest | Sports | Surfing and Bodyboarding |	Interest	Sports	Extreme Sports	Surfing and Bodyboarding			
	639	631	Interest | Sports | Waterskiing and Wakeboarding |	Interest	Sports	Extreme Sports	Waterskiing and Wakeboarding			
	640	607	Interest | Sports | Fantasy Sports |	Interest	Sports	Fantasy Sports				
	641	607	Interest | Sports | Field Hockey |	Interest	Sports	Field Hockey				
	642	607	Interest | Sports | Figure Skating |	Interest	Sports	Figure Skating				
	643	607	Interest | Sports | Fishing Sports |	Interest	Sports	Fishing Sports				
	644	607	Interest | Sports | Golf |	Interest	Sports	Golf				
	645	607	Interest | Sports | Gymnastics |	Interest	Sports	Gymnastics				
	646	607	Interest | Sports | Hunting and Shooting |	Interest	Sports	Hunting and Shooting				
	647	607	Interest | Sports | Ice Hockey |	Interest	Sports	Ice Hockey				
	648	607	Interest | Sports | Inline Skating |	Interest	Sports	Inline Skating				
	649	607	Interest | Sports | Lacrosse |	Interest	Sports	Lacrosse				
	650	607	Interest | Sports | Martial Arts |	Interest	Sports	Martial Arts				
	651	607	Interest | Sports | Olympic Sports |	Interest	Sports	Olympic Sports				
	652	651	Interest | Sports | Summer Olympic Sports |	Interest	Sports	Olympic Sports	Summer Olympic Sports			
	653	651	Interest | Sports | Winter Olympic Sports |	Interest	Sports	Olympic Sports	Winter Olympic Sports			
	654	607	Interest | Sports | Poker and Professional Gambling |	Interest	Sports	Poker and Professional Gambling				
	655	607	Interest | Sports | Rodeo |	Interest	Sports	Rodeo				
	656	607	Interest | Sports | Rowing |	Interest	Sports	Rowing				
	657	607	Interest | Sports | Rugby |	Interest	Sports	Rugby				
	658	657	Interest | Sports | Rugby League |	Interest	Sports	Rugby	Rugby League			
	659	657	Interest | Sports | Rugby Union |	Interest	Sports	Rugby	Rugby Union			
	660	607	Interest | Sports | Sailing |	Interest	Sports	Sailing				
	661	607	Interest | Sports | Skiing |	Interest	Sports	Skiing				
	662	607	Interest | Sports | Snooker/Pool/Billiards |	Interest	Sports	Snooker/Pool/Billiards				
	663	607	Interest | Sports | Soccer |	Interest	Sports	Soccer				
	664	607	Interest | Sports | Softball |	Interest	Sports	Softball				
	665	607	Interest | Sports | Sports Equipment |	Interest	Sports	Sports Equipment				
	666	607	Interest | Sports | Squash |	Interest	Sports	Squash				
	667	607	Interest | Sports | Swimming |	Interest	Sports	Swimming				
	668	607	Interest | Sports | Table Tennis |	Interest	Sports	Table Tennis				
	669	607	Interest | Sports | Tennis |	Interest	Sports	Tennis				
	670	607	Interest | Sports | Track and Field |	Interest	Sports	Track and Field				
	671	607	Interest | Sports | Volleyball |	Interest	Sports	Volleyball				
	672	607	Interest | Sports | Walking |	Interest	Sports	Walking				
	673	607	Interest | Sports | Water Polo |	Interest	Sports	Water Polo				
	674	607	Interest | Sports | Weightlifting |	Interest	Sports	Weightlifting				
	675	607	Interest | Sports | Wrestling |	Interest	Sports	Wrestling				
	676	206	Interest | Style & Fashion	Interest	Style & Fashion					
	677	676	Interest | Style & Fashion | Beauty |	Interest	Style & Fashion	Beauty				
	678	676	Interest | Style & Fashion | Body Art |	Interest	Style & Fashion	Body Art				
	679	676	Interest | Style & Fashion | Children's Clothing |	Interest	Style & Fashion	Children's Clothing				
	680	676	Interest | Style & Fashion | Designer Clothing |	Interest	Style & Fashion	Designer Clothing				
	681	676	Interest | Style & Fashion | Fashion Trends |	Interest	Style & Fashion	Fashion Trends				
	682	676	Interest | Style & Fashion | High Fashion |	Interest	Style & Fashion	High Fashion				
	683	676	Interest | Style & Fashion | Men's Fashion |	Interest	Style & Fashion	Men's Fashion				
	684	676	Interest | Style & Fashion | Personal Care |	Interest	Style & Fashion	Personal Care				
	685	676	Interest | Style & Fashion | Street Style |	Interest	Style & Fashion	Street Style				
	686	676	Interest | Style & Fashion | Women's Fashion |	Interest	Style & Fashion	Women's Fashion				
	687	206	Interest | Technology & Computing	Interest	Technology & Computing					
	688	687	Interest | Technology & Computing | Artificial Intelligence |	Interest	Technology & Computing	Artificial Intelligence				
	689	687	Interest | Technology & Computing | Augmented Reality |	Interest	Technology & Computing	Augmented Reality				
	690	687	Interest | Technology & Computing | Computing |	Interest	Technology & Computing	Computing				
	691	690	Interest | Technology & Computing | Internet |	Interest	Technology & Computing	Computing	Internet			
	692	690	Interest | Technology & Computing | Cloud Computing |	Interest	Technology & Computing	Computing	Cloud Computing			
	693	690	Interest | Technology & Computing | Web Development |	Interest	Technology & Computing	Computing	Web Development			
	694	690	Interest | Technology & Computing | Web Hosting |	Interest	Technology & Computing	Computing	Web Hosting			
	695	690	Interest | Technology & Computing | Email |	Interest	Technology & Computing	Computing	Email			
	696	690	Interest | Technology & Computing | Internet for Beginners |	Interest	Technology & Computing	Computing	Internet for Beginners			
	697	690	Interest | Technology & Computing | Internet of Things |	Interest	Technology & Computing	Computing	Internet of Things			
	698	690	Interest | Technology & Computing | IT and Internet Support |	Interest	Technology & Computing	Computing	IT and Internet Support			
	699	690	Interest | Technology & Computing | Search |	Interest	Technology & Computing	Computing	Search			
	700	690	Interest | Technology & Computing | Social Networking |	Interest	Technology & Computing	Computing	Social Networking			
	701	690	Interest | Technology & Computing | Web Design and HTML |	Interest	Technology & Computing	Computing	Web Design and HTML			
	702	690	Interest | Technology & Computing | Programming Languages |	Interest	Technology & Computing	Computing	Programming Languages			
	703	687	Interest | Technology & Computing | Consumer Electronics |	Interest	Technology & Computing	Consumer Electronics				
	704	687	Interest | Technology & Computing | Robotics |	Interest	Technology & Computing	Robotics				
	705	687	Interest | Technology & Computing | Virtual Reality |	Interest	Technology & Computing	Virtual Reality				
	706	206	Interest | Television	Interest	Television					
	707	706	Interest | Television | Animation TV |	Interest	Television	Animation TV				
	708	706	Interest | Television | Children's TV |	Interest	Television	Children's TV				
	709	706	Interest | Television | Comedy TV |	Interest	Television	Comedy TV				
	710	706	Interest | Television | Drama TV |	Interest	Television	Drama TV				
	711	706	Interest | Television | Factual TV |	Interest	Television	Factual TV				
	712	706	Interest | Television | Holiday TV |	Interest	Television	Holiday TV				
	713	706	Interest | Television | Music TV |	Interest	Television	Music TV				
	714	706	Interest | Television | Reality TV |	Interest	Television	Reality TV				
	715	706	Interest | Television | Science Fiction TV |	Interest	Television	Science Fiction TV				
	716	706	Interest | Television | Soap Opera TV |	Interest	Television	Soap Opera TV				
	717	706	Interest | Television | Special Interest TV |	Interest	Television	Special Interest TV				
	718	706	Interest | Television | Sports TV |	Interest	Television	Sports TV				
	719	206	Interest | Travel	Interest	Travel					
	720	719	Interest | Travel | Adventure Travel |	Interest	Travel	Adventure Travel				
	721	719	Interest | Travel | Africa Travel |	Interest	Travel	Africa Travel				
	722	719	Interest | Travel | Asia Travel |	Interest	Travel	Asia Travel				
	723	719	Interest | Travel | Australia and Oceania Travel |	Interest	Travel	Australia and Oceania Travel				
	724	719	Interest | Travel | Beach Travel |	Interest	Travel	Beach Travel				
	725	719	Interest | Travel | Camping |	Interest	Travel	Camping				
	726	719	Interest | Travel | Day Trips |	Interest	Travel	Day Trips				
	727	719	Interest | Travel | Europe Travel |	Interest	Travel	Europe Travel				
	728	719	Interest | Travel | Family Travel |	Interest	Travel	Family Travel				
	729	719	Interest | Travel | North America Travel |	Interest	Travel	North America Travel				
	730	719	Interest | Travel | Polar Travel |	Interest	Travel	Polar Travel				
	731	719	Interest | Travel | Road Trips |	Interest	Travel	Road Trips				
	732	719	Interest | Travel | South America Travel |	Interest	Travel	South America Travel				
	733	206	Interest | Video Gaming	Interest	Video Gaming					
	734	733	Interest | Video Gaming | Console Games |	Interest	Video Gaming	Console Games				
	735	733	Interest | Video Gaming | eSports |	Interest	Video Gaming	eSports				
	736	733	Interest | Video Gaming | Mobile Games |	Interest	Video Gaming	Mobile Games				
	737	733	Interest | Video Gaming | PC Games |	Interest	Video Gaming	PC Games				
	738	733	Interest | Video Gaming | Video Game Genres |	Interest	Video Gaming	Video Game Genres				
	739	738	Interest | Video Gaming | Action Video Games |	Interest	Video Gaming	Video Game Genres	Action Video Games			
	740	738	Interest | Video Gaming | Role-Playing Video Games |	Interest	Video Gaming	Video Game Genres	Role-Playing Video Games			
	741	738	Interest | Video Gaming | Simulation Video Games |	Interest	Video Gaming	Video Game Genres	Simulation Video Games			
	742	738	Interest | Video Gaming | Sports Video Games |	Interest	Video Gaming	Video Game Genres	Sports Video Games			
	743	738	Interest | Video Gaming | Strategy Video Games |	Interest	Video Gaming	Video Game Genres	Strategy Video Games			
	744	738	Interest | Video Gaming | Action-Adventure Video Games |	Interest	Video Gaming	Video Game Genres	Action-Adventure Video Games			
	745	738	Interest | Video Gaming | Adventure Video Games |	Interest	Video Gaming	Video Game Genres	Adventure Video Games			
	746	738	Interest | Video Gaming | Casual Games |	Interest	Video Gaming	Video Game Genres	Casual Games			
	747	738	Interest | Video Gaming | Educational Video Games |	Interest	Video Gaming	Video Game Genres	Educational Video Games			
	748	738	Interest | Video Gaming | Exercise and Fitness Video Games |	Interest	Video Gaming	Video Game Genres	Exercise and Fitness Video Games			
	749	738	Interest | Video Gaming | MMOs |	Interest	Video Gaming	Video Game Genres	MMOs			
	750	738	Interest | Video Gaming | Music and Party Video Games |	Interest	Video Gaming	Video Game Genres	Music and Party Video Games			
	751	738	Interest | Video Gaming | Puzzle Video Games |	Interest	Video Gaming	Video Game Genres	Puzzle Video Games			
	752		Purchase Intent*	Purchase Intent*						See *Purchase Intent Classification* Extension
	753	752	Purchase Intent* | Apps	Purchase Intent*	Apps					See *Purchase Intent Classification* Extension
	754	753	Purchase Intent* | Apps | Auto and Vehicles Apps |	Purchase Intent*	Apps	Auto and Vehicles Apps				See *Purchase Intent Classification* Extension
	755	753	Purchase Intent* | Apps | Books Apps |	Purchase Intent*	Apps	Books Apps				See *Purchase Intent Classification* Extension
	756	753	Purchase Intent* | Apps | Business Apps |	Purchase Intent*	Apps	Business Apps				See *Purchase Intent Classification* Extension
	757	753	Purchase Intent* | Apps | Education Apps |	Purchase Intent*	Apps	Education Apps				See *Purchase Intent Classification* Extension
	758	753	Purchase Intent* | Apps | Entertainment Apps |	Purchase Intent*	Apps	Entertainment Apps				See *Purchase Intent Classification* Extension
	759	753	Purchase Intent* | Apps | Finance Apps |	Purchase Intent*	Apps	Finance Apps				See *Purchase Intent Classification* Extension
	760	753	Purchase Intent* | Apps | Food and Drink Apps |	Purchase Intent*	Apps	Food and Drink Apps				See *Purchase Intent Classification* Extension
	761	753	Purchase Intent* | Apps | Games Apps |	Purchase Intent*	Apps	Games Apps				See *Purchase Intent Classification* Extension
	762	753	Purchase Intent* | Apps | Health and Fitness Apps |	Purchase Intent*	Apps	Health and Fitness Apps				See *Purchase Intent Classification* Extension
	763	753	Purchase Intent* | Apps | Lifestyle Apps |	Purchase Intent*	Apps	Lifestyle Apps				See *Purchase Intent Classification* Extension
	764	753	Purchase Intent* | Apps | Magazine and Newspapers Apps |	Purchase Intent*	Apps	Magazine and Newspapers Apps				See *Purchase Intent Classification* Extension
	765	753	Purchase Intent* | Apps | Medical Apps |	Purchase Intent*	Apps	Medical Apps				See *Purchase Intent Classification* Extension
	766	753	Purchase Intent* | Apps | Music Apps |	Purchase Intent*	Apps	Music Apps				See *Purchase Intent Classification* Extension
	767	753	Purchase Intent* | Apps | Navigation Apps |	Purchase Intent*	Apps	Navigation Apps				See *Purchase Intent Classification* Extension
	768	753	Purchase Intent* | Apps | News Apps |	Purchase Intent*	Apps	News Apps				See *Purchase Intent Classification* Extension
	769	753	Purchase Intent* | Apps | Photo and Video Apps |	Purchase Intent*	Apps	Photo and Video Apps				See *Purchase Intent Classification* Extension
	770	753	Purchase Intent* | Apps | Productivity Apps |	Purchase Intent*	Apps	Productivity Apps				See *Purchase Intent Classification* Extension
	771	753	Purchase Intent* | Apps | Reference Apps |	Purchase Intent*	Apps	Reference Apps				See *Purchase Intent Classification* Extension
	772	753	Purchase Intent* | Apps | Search Engine Apps |	Purchase Intent*	Apps	Search Engine Apps				See *Purchase Intent Classification* Extension
	773	753	Purchase Intent* | Apps | Shopping Apps |	Purchase Intent*	Apps	Shopping Apps				See *Purchase Intent Classification* Extension
	774	753	Purchase Intent* | Apps | Social Networking Apps |	Purchase Intent*	Apps	Social Networking Apps				See *Purchase Intent Classification* Extension
	775	753	Purchase Intent* | Apps | Sports Apps |	Purchase Intent*	Apps	Sports Apps				See *Purchase Intent Classification* Extension
	776	753	Purchase Intent* | Apps | Travel Apps |	Purchase Intent*	Apps	Travel Apps				See *Purchase Intent Classification* Extension
	777	753	Purchase Intent* | Apps | Utilities Apps |	Purchase Intent*	Apps	Utilities Apps				See *Purchase Intent Classification* Extension
	778	753	Purchase Intent* | Apps | Weather Apps |	Purchase Intent*	Apps	Weather Apps				See *Purchase Intent Classification* Extension
	779	752	Purchase Intent* | Arts and Entertainment	Purchase Intent*	Arts and Entertainment					See *Purchase Intent Classification* Extension
	780	779	Purchase Intent* | Arts and Entertainment | Blogs/Forums/Social Networks |	Purchase Intent*	Arts and Entertainment	Blogs/Forums/Social Networks				See *Purchase Intent Classification* Extension
	781	779	Purchase Intent* | Arts and Entertainment | Culture and Fine Arts |	Purchase Intent*	Arts and Entertainment	Culture and Fine Arts				See *Purchase Intent Classification* Extension
	782	779	Purchase Intent* | Arts and Entertainment | Experiences and Events |	Purchase Intent*	Arts and Entertainment	Experiences and Events				See *Purchase Intent Classification* Extension
	783	782	Purchase Intent* | Arts and Entertainment | Concerts |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Concerts			See *Purchase Intent Classification* Extension
	784	782	Purchase Intent* | Arts and Entertainment | Theatre and Musicals |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Theatre and Musicals			See *Purchase Intent Classification* Extension
	785	782	Purchase Intent* | Arts and Entertainment | Museums and Galleries |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Museums and Galleries			See *Purchase Intent Classification* Extension
	786	782	Purchase Intent* | Arts and Entertainment | Sporting Events |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Sporting Events			See *Purchase Intent Classification* Extension
	787	782	Purchase Intent* | Arts and Entertainment | Cinemas and Movie Events |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Cinemas and Movie Events			See *Purchase Intent Classification* Extension
	788	782	Purchase Intent* | Arts and Entertainment | Aviation Shows |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Aviation Shows			See *Purchase Intent Classification* Extension
	789	782	Purchase Intent* | Arts and Entertainment | Fairs and Farmer's Markets |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Fairs and Farmer's Markets			See *Purchase Intent Classification* Extension
	790	782	Purchase Intent* | Arts and Entertainment | Exhibitions |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Exhibitions			See *Purchase Intent Classification* Extension
	791	782	Purchase Intent* | Arts and Entertainment | Theme and Amusement Parks |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Theme and Amusement Parks			See *Purchase Intent Classification* Extension
	792	782	Purchase Intent* | Arts and Entertainment | Parks and Wildlife |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Parks and Wildlife			See *Purchase Intent Classification* Extension
	793	782	Purchase Intent* | Arts and Entertainment | Auto Shows |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Auto Shows			See *Purchase Intent Classification* Extension
	794	782	Purchase Intent* | Arts and Entertainment | Nightclubs |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Nightclubs			See *Purchase Intent Classification* Extension
	795	782	Purchase Intent* | Arts and Entertainment | Fashion Events |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Fashion Events			See *Purchase Intent Classification* Extension
	796	782	Purchase Intent* | Arts and Entertainment | Comedy Events |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Comedy Events			See *Purchase Intent Classification* Extension
	797	782	Purchase Intent* | Arts and Entertainment | Zoos and Aquariums |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Zoos and Aquariums			See *Purchase Intent Classification* Extension
	798	782	Purchase Intent* | Arts and Entertainment | Fan Conventions |	Purchase Intent*	Arts and Entertainment	Experiences and Events	Fan Conventions			See *Purchase Intent Classification* Extension
	799	779	Purchase Intent* | Arts and Entertainment | Fantasy Sports |	Purchase Intent*	Arts and Entertainment	Fantasy Sports				See *Purchase Intent Classification* Extension
	800	779	Purchase Intent* | Arts and Entertainment | Music and Video Streaming Services |	Purchase Intent*	Arts and Entertainment	Music and Video Streaming Services				See *Purchase Intent Classification* Extension
	801	779	Purchase Intent* | Arts and Entertainment | Online Entertainment |	Purchase Intent*	Arts and Entertainment	Online Entertainment				See *Purchase Intent Classification* Extension
	802	779	Purchase Intent* | Arts and Entertainment | Radio and Podcasts |	Purchase Intent*	Arts and Entertainment	Radio and Podcasts				See *Purchase Intent Classification* Extension
	803	779	Purchase Intent* | Arts and Entertainment | Ticket Services |	Purchase Intent*	Arts and Entertainment	Ticket Services				See *Purchase Intent Classification* Extension
	804	779	Purchase Intent* | Arts and Entertainment | TV |	Purchase Intent*	Arts and Entertainment	TV				See *Purchase Intent Classification* Extension
	805	752	Purchase Intent* | Automotive Ownership	Purchase Intent*	Automotive Ownership					See *Purchase Intent Classification* Extension
	806	805	Purchase Intent* | Automotive Ownership | New Vehicles |	Purchase Intent*	Automotive Ownership	New Vehicles				See *Purchase Intent Classification* Extension
	807	806	Purchase Intent* | Automotive Ownership | Commercial Trucks |	Purchase Intent*	Automotive Ownership	New Vehicles	Commercial Trucks			See *Purchase Intent Classification* Extension
	808	806	Purchase Intent* | Automotive Ownership | Sedan |	Purchase Intent*	Automotive Ownership	New Vehicles	Sedan			See *Purchase Intent Classification* Extension
	809	806	Purchase Intent* | Automotive Ownership | Station Wagon |	Purchase Intent*	Automotive Ownership	New Vehicles	Station Wagon			See *Purchase Intent Classification* Extension
	810	806	Purchase Intent* | Automotive Ownership | SUV |	Purchase Intent*	Automotive Ownership	New Vehicles	SUV			See *Purchase Intent Classification* Extension
	811	806	Purchase Intent* | Automotive Ownership | Van |	Purchase Intent*	Automotive Ownership	New Vehicles	Van			See *Purchase Intent Classification* Extension
	812	806	Purchase Intent* | Automotive Ownership | Convertible |	Purchase Intent*	Automotive Ownership	New Vehicles	Convertible			See *Purchase Intent Classification* Extension
	813	806	Purchase Intent* | Automotive Ownership | Coupe |	Purchase Intent*	Automotive Ownership	New Vehicles	Coupe			See *Purchase Intent Classification* Extension
	814	806	Purchase Intent* | Automotive Ownership | Crossover |	Purchase Intent*	Automotive Ownership	New Vehicles	Crossover			See *Purchase Intent Classification* Extension
	815	806	Purchase Intent* | Automotive Ownership | Hatchback |	Purchase Intent*	Automotive Ownership	New Vehicles	Hatchback			See *Purchase Intent Classification* Extension
	816	806	Purchase Intent* | Automotive Ownership | Microcar |	Purchase Intent*	Automotive Ownership	New Vehicles	Microcar			See *Purchase Intent Classification* Extension
	817	806	Purchase Intent* | Automotive Ownership | Minivan |	Purchase Intent*	Automotive Ownership	New Vehicles	Minivan			See *Purchase Intent Classification* Extension
	818	806	Purchase Intent* | Automotive Ownership | Off-Road Vehicles |	Purchase Intent*	Automotive Ownership	New Vehicles	Off-Road Vehicles			See *Purchase Intent Classification* Extension
	819	806	Purchase Intent* | Automotive Ownership | Pickup Trucks |	Purchase Intent*	Automotive Ownership	New Vehicles	Pickup Trucks			See *Purchase Intent Classification* Extension
	820	806	Purchase Intent* | Automotive Ownership | Budget Cars |	Purchase Intent*	Automotive Ownership	New Vehicles	Budget Cars			See *Purchase Intent Classification* Extension
	821	806	Purchase Intent* | Automotive Ownership | Classic Cars |	Purchase Intent*	Automotive Ownership	New Vehicles	Classic Cars			See *Purchase Intent Classification* Extension
	822	806	Purchase Intent* | Automotive Ownership | Concept Cars |	Purchase Intent*	Automotive Ownership	New Vehicles	Concept Cars			See *Purchase Intent Classification* Extension
	823	806	Purchase Intent* | Automotive Ownership | Driverless Cars |	Purchase Intent*	Automotive Ownership	New Vehicles	Driverless Cars			See *Purchase Intent Classification* Extension
	824	806	Purchase Intent* | Automotive Ownership | Green Vehicles |	Purchase Intent*	Automotive Ownership	New Vehicles	Green Vehicles			See *Purchase Intent Classification* Extension
	825	806	Purchase Intent* | Automotive Ownership | Luxury Cars |	Purchase Intent*	Automotive Ownership	New Vehicles	Luxury Cars			See *Purchase Intent Classification* Extension
	826	806	Purchase Intent* | Automotive Ownership | Performance Cars |	Purchase Intent*	Automotive Ownership	New Vehicles	Performance Cars			See *Purchase Intent Classification* Extension
	827	806	Purchase Intent* | Automotive Ownership | Motorbikes |	Purchase Intent*	Automotive Ownership	New Vehicles	Motorbikes			See *Purchase Intent Classification* Extension
	828	806	Purchase Intent* | Automotive Ownership | Other Vehicles |	Purchase Intent*	Automotive Ownership	New Vehicles	Other Vehicles			See *Purchase Intent Classification* Extension
	829	805	Purchase Intent* | Automotive Ownership | Pre-Owned Vehicles |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles				See *Purchase Intent Classification* Extension
	830	829	Purchase Intent* | Automotive Ownership | Commercial Trucks |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Commercial Trucks			See *Purchase Intent Classification* Extension
	831	829	Purchase Intent* | Automotive Ownership | Sedan |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Sedan			See *Purchase Intent Classification* Extension
	832	829	Purchase Intent* | Automotive Ownership | Station Wagon |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Station Wagon			See *Purchase Intent Classification* Extension
	833	829	Purchase Intent* | Automotive Ownership | SUV |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	SUV			See *Purchase Intent Classification* Extension
	834	829	Purchase Intent* | Automotive Ownership | Van |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Van			See *Purchase Intent Classification* Extension
	835	829	Purchase Intent* | Automotive Ownership | Convertible |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Convertible			See *Purchase Intent Classification* Extension
	836	829	Purchase Intent* | Automotive Ownership | Coupe |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Coupe			See *Purchase Intent Classification* Extension
	837	829	Purchase Intent* | Automotive Ownership | Crossover |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Crossover			See *Purchase Intent Classification* Extension
	838	829	Purchase Intent* | Automotive Ownership | Hatchback |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Hatchback			See *Purchase Intent Classification* Extension
	839	829	Purchase Intent* | Automotive Ownership | Microcar |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Microcar			See *Purchase Intent Classification* Extension
	840	829	Purchase Intent* | Automotive Ownership | Minivan |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Minivan			See *Purchase Intent Classification* Extension
	841	829	Purchase Intent* | Automotive Ownership | Off-Road Vehicles |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Off-Road Vehicles			See *Purchase Intent Classification* Extension
	842	829	Purchase Intent* | Automotive Ownership | Pickup Trucks |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Pickup Trucks			See *Purchase Intent Classification* Extension
	843	829	Purchase Intent* | Automotive Ownership | Budget Cars |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Budget Cars			See *Purchase Intent Classification* Extension
	844	829	Purchase Intent* | Automotive Ownership | Classic Cars |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Classic Cars			See *Purchase Intent Classification* Extension
	845	829	Purchase Intent* | Automotive Ownership | Concept Cars |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Concept Cars			See *Purchase Intent Classification* Extension
	846	829	Purchase Intent* | Automotive Ownership | Driverless Cars |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Driverless Cars			See *Purchase Intent Classification* Extension
	847	829	Purchase Intent* | Automotive Ownership | Green Vehicles |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Green Vehicles			See *Purchase Intent Classification* Extension
	848	829	Purchase Intent* | Automotive Ownership | Luxury Cars |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Luxury Cars			See *Purchase Intent Classification* Extension
	849	829	Purchase Intent* | Automotive Ownership | Performance Cars |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Performance Cars			See *Purchase Intent Classification* Extension
	850	829	Purchase Intent* | Automotive Ownership | Motorbikes |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Motorbikes			See *Purchase Intent Classification* Extension
	851	829	Purchase Intent* | Automotive Ownership | Other Vehicles |	Purchase Intent*	Automotive Ownership	Pre-Owned Vehicles	Other Vehicles			See *Purchase Intent Classification* Extension
	852	752	Purchase Intent* | Automotive Products	Purchase Intent*	Automotive Products					See *Purchase Intent Classification* Extension
	853	852	Purchase Intent* | Automotive Products | Automotive Care Products |	Purchase Intent*	Automotive Products	Automotive Care Products				See *Purchase Intent Classification* Extension
	854	852	Purchase Intent* | Automotive Products | Automotive Parts and Accessories |	Purchase Intent*	Automotive Products	Automotive Parts and Accessories				See *Purchase Intent Classification* Extension
	855	854	Purchase Intent* | Automotive Products | Car Alarms |	Purchase Intent*	Automotive Products	Automotive Parts and Accessories	Car Alarms			See *Purchase Intent Classification* Extension
	856	854	Purchase Intent* | Automotive Products | Car Amplifiers |	Purchase Intent*	Automotive Products	Automotive Parts and Accessories	Car Amplifiers			See *Purchase Intent Classification* Extension
	857	854	Purchase Intent* | Automotive Products | Car Seats |	Purchase Intent*	Automotive Products	Automotive Parts and Accessories	Car Seats			See *Purchase Intent Classification* Extension
	858	854	Purchase Intent* | Automotive Products | Car Speakers |	Purchase Intent*	Automotive Products	Automotive Parts and Accessories	Car Speakers			See *Purchase Intent Classification* Extension
	859	854	Purchase Intent* | Automotive Products | Car Navigation Equipment |	Purchase Intent*	Automotive Products	Automotive Parts and Accessories	Car Navigation Equipment			See *Purchase Intent Classification* Extension
	860	854	Purchase Intent* | Automotive Products | Automotive Tires |	Purchase Intent*	Automotive Products	Automotive Parts and Accessories	Automotive Tires			See *Purchase Intent Classification* Extension
	861	752	Purchase Intent* | Automotive Services	Purchase Intent*	Automotive Services					See *Purchase Intent Classification* Extension
	862	861	Purchase Intent* | Automotive Services | Auto Rental |	Purchase Intent*	Automotive Services	Auto Rental				See *Purchase Intent Classification* Extension
	863	861	Purchase Intent* | Automotive Services | Auto Towing and Repair |	Purchase Intent*	Automotive Services	Auto Towing and Repair				See *Purchase Intent Classification* Extension
	864	861	Purchase Intent* | Automotive Services | Car Wash |	Purchase Intent*	Automotive Services	Car Wash				See *Purchase Intent Classification* Extension
	865	752	Purchase Intent* | Beauty Services	Purchase Intent*	Beauty Services					See *Purchase Intent Classification* Extension
	866	865	Purchase Intent* | Beauty Services | Beauty Salons and Tanning |	Purchase Intent*	Beauty Services	Beauty Salons and Tanning				See *Purchase Intent Classification* Extension
	867	865	Purchase Intent* | Beauty Services | Hair Salons |	Purchase Intent*	Beauty Services	Hair Salons				See *Purchase Intent Classification* Extension
	868	865	Purchase Intent* | Beauty Services | Nail Salons |	Purchase Intent*	Beauty Services	Nail Salons				See *Purchase Intent Classification* Extension
	869	865	Purchase Intent* | Beauty Services | Piercing and Tattooing |	Purchase Intent*	Beauty Services	Piercing and Tattooing				See *Purchase Intent Classification* Extension
	870	865	Purchase Intent* | Beauty Services | Spas |	Purchase Intent*	Beauty Services	Spas				See *Purchase Intent Classification* Extension
	871	752	Purchase Intent* | Business and Industrial	Purchase Intent*	Business and Industrial					See *Purchase Intent Classification* Extension
	872	871	Purchase Intent* | Business and Industrial | Advertising and Marketing |	Purchase Intent*	Business and Industrial	Advertising and Marketing				See *Purchase Intent Classification* Extension
	873	871	Purchase Intent* | Business and Industrial | Auctions |	Purchase Intent*	Business and Industrial	Auctions				See *Purchase Intent Classification* Extension
	874	871	Purchase Intent* | Business and Industrial | Conferences/Events/Seminars |	Purchase Intent*	Business and Industrial	Conferences/Events/Seminars				See *Purchase Intent Classification* Extension
	875	871	Purchase Intent* | Business and Industrial | Construction |	Purchase Intent*	Business and Industrial	Construction				See *Purchase Intent Classification* Extension
	876	871	Purchase Intent* | Business and Industrial | Energy Industry |	Purchase Intent*	Business and Industrial	Energy Industry				See *Purchase Intent Classification* Extension
	877	876	Purchase Intent* | Business and Industrial | Energy Services |	Purchase Intent*	Business and Industrial	Energy Industry	Energy Services			See *Purchase Intent Classification* Extension
	878	876	Purchase Intent* | Business and Industrial | Oil, Gas and Consumable Fuels |	Purchase Intent*	Business and Industrial	Energy Industry	Oil, Gas and Consumable Fuels			See *Purchase Intent Classification* Extension
	879	876	Purchase Intent* | Business and Industrial | Electric Power Industry |	Purchase Intent*	Business and Industrial	Energy Industry	Electric Power Industry			See *Purchase Intent Classification* Extension
	880	871	Purchase Intent* | Business and Industrial | Forestry and Logging |	Purchase Intent*	Business and Industrial	Forestry and Logging				See *Purchase Intent Classification* Extension
	881	871	Purchase Intent* | Business and Industrial | Government |	Purchase Intent*	Business and Industrial	Government				See *Purchase Intent Classification* Extension
	882	871	Purchase Intent* | Business and Industrial | Human Resources |	Purchase Intent*	Business and Industrial	Human Resources				See *Purchase Intent Classification* Extension
	883	871	Purchase Intent* | Business and Industrial | Industrial Storage |	Purchase Intent*	Business and Industrial	Industrial Storage				See *Purchase Intent Classification* Extension
	884	871	Purchase Intent* | Business and Industrial | Industrials |	Purchase Intent*	Business and Industrial	Industrials				See *Purchase Intent Classification* Extension
	885	884	Purchase Intent* | Business and Industrial | Aerospace and Defense |	Purchase Intent*	Business and Industrial	Industrials	Aerospace and Defense			See *Purchase Intent Classification* Extension
	886	884	Purchase Intent* | Business and Industrial | Construction and Engineering |	Purchase Intent*	Business and Industrial	Industrials	Construction and Engineering			See *Purchase Intent Classification* Extension
	887	884	Purchase Intent* | Business and Industrial | Industrial Conglomerates |	Purchase Intent*	Business and Industrial	Industrials	Industrial Conglomerates			See *Purchase Intent Classification* Extension
	888	884	Purchase Intent* | Business and Industrial | Trading Companies and Distributors |	Purchase Intent*	Business and Industrial	Industrials	Trading Companies and Distributors			See *Purchase Intent Classification* Extension
	889	884	Purchase Intent* | Business and Industrial | Transportation |	Purchase Intent*	Business and Industrial	Industrials	Transportation			See *Purchase Intent Classification* Extension
	890	871	Purchase Intent* | Business and Industrial | Laundry and Dry Cleaning Services |	Purchase Intent*	Business and Industrial	Laundry and Dry Cleaning Services				See *Purchase Intent Classification* Extension
	891	871	Purchase Intent* | Business and Industrial | Law Enforcement |	Purchase Intent*	Business and Industrial	Law Enforcement				See *Purchase Intent Classification* Extension
	892	871	Purchase Intent* | Business and Industrial | Manufacturing |	Purchase Intent*	Business and Industrial	Manufacturing				See *Purchase Intent Classification* Extension
	893	871	Purchase Intent* | Business and Industrial | Material Handling |	Purchase Intent*	Business and Industrial	Material Handling				See *Purchase Intent Classification* Extension
	894	871	Purchase Intent* | Business and Industrial | Medical and Biotechnology |	Purchase Intent*	Business and Industrial	Medical and Biotechnology				See *Purchase Intent Classification* Extension
	895	871	Purchase Intent* | Business and Industrial | Mining and Quarrying |	Purchase Intent*	Business and Industrial	Mining and Quarrying				See *Purchase Intent Classification* Extension
	896	871	Purchase Intent* | Business and Industrial | Photographers |	Purchase Intent*	Business and Industrial	Photographers				See *Purchase Intent Classification* Extension
	897	871	Purchase Intent* | Business and Industrial | Printing/Fax/WiFi Services |	Purchase Intent*	Business and Industrial	Printing/Fax/WiFi Services				See *Purchase Intent Classification* Extension
	898	871	Purchase Intent* | Business and Industrial | Public Relations and Strategic Communication |	Purchase Intent*	Business and Industrial	Public Relations and Strategic Communication				See *Purchase Intent Classification* Extension
	899	871	Purchase Intent* | Business and Industrial | Retail |	Purchase Intent*	Business and Industrial	Retail				See *Purchase Intent Classification* Extension
	900	899	Purchase Intent* | Business and Industrial | Cell Phone Stores |	Purchase Intent*	Business and Industrial	Retail	Cell Phone Stores			See *Purchase Intent Classification* Extension
	901	899	Purchase Intent* | Business and Industrial | Music Stores |	Purchase Intent*	Business and Industrial	Retail	Music Stores			See *Purchase Intent Classification* Extension
	902	899	Purchase Intent* | Business and Industrial | Grocery Stores and Supermarkets |	Purchase Intent*	Business and Industrial	Retail	Grocery Stores and Supermarkets			See *Purchase Intent Classification* Extension
	903	899	Purchase Intent* | Business and Industrial | Shopping Malls |	Purchase Intent*	Business and Industrial	Retail	Shopping Malls			See *Purchase Intent Classification* Extension
	904	899	Purchase Intent* | Business and Industrial | Department Stores |	Purchase Intent*	Business and Industrial	Retail	Department Stores			See *Purchase Intent Classification* Extension
	905	899	Purchase Intent* | Business and Industrial | Specialty Stores |	Purchase Intent*	Business and Industrial	Retail	Specialty Stores			See *Purchase Intent Classification* Extension
	906	899	Purchase Intent* | Business and Industrial | Pawn Shops |	Purchase Intent*	Business and Industrial	Retail	Pawn Shops			See *Purchase Intent Classification* Extension
	907	899	Purchase Intent* | Business and Industrial | Factory Outlet Stores |	Purchase Intent*	Business and Industrial	Retail	Factory Outlet Stores			See *Purchase Intent Classification* Extension
	908	871	Purchase Intent* | Business and Industrial | Science and Laboratory |	Purchase Intent*	Business and Industrial	Science and Laboratory				See *Purchase Intent Classification* Extension
	909	871	Purchase Intent* | Business and Industrial | Signage |	Purchase Intent*	Business and Industrial	Signage				See *Purchase Intent Classification* Extension
	910	871	Purchase Intent* | Business and Industrial | Small Business |	Purchase Intent*	Business and Industrial	Small Business				See *Purchase Intent Classification* Extension
	911	871	Purchase Intent* | Business and Industrial | Telecom Services |	Purchase Intent*	Business and Industrial	Telecom Services				See *Purchase Intent Classification* Extension
	912	911	Purchase Intent* | Business and Industrial | Home Internet Services |	Purchase Intent*	Business and Industrial	Telecom Services	Home Internet Services			See *Purchase Intent Classification* Extension
	913	911	Purchase Intent* | Business and Industrial | Home Television Services |	Purchase Intent*	Business and Industrial	Telecom Services	Home Television Services			See *Purchase Intent Classification* Extension
	914	911	Purchase Intent* | Business and Industrial | Home Phone Services |	Purchase Intent*	Business and Industrial	Telecom Services	Home Phone Services			See *Purchase Intent Classification* Extension
	915	911	Purchase Intent* | Business and Industrial | Mobile Phone Plans |	Purchase Intent*	Business and Industrial	Telecom Services	Mobile Phone Plans			See *Purchase Intent Classification* Extension
	916	911	Purchase Intent* | Business and Industrial | Prepaid International Phone Services |	Purchase Intent*	Business and Industrial	Telecom Services	Prepaid International Phone Services			See *Purchase Intent Classification* Extension
	917	911	Purchase Intent* | Business and Industrial | Business Telecom Services |	Purchase Intent*	Business and Industrial	Telecom Services	Business Telecom Services			See *Purchase Intent Classification* Extension
	918	871	Purchase Intent* | Business and Industrial | Waste Disposal and Recycling |	Purchase Intent*	Business and Industrial	Waste Disposal and Recycling				See *Purchase Intent Classification* Extension
	919	752	Purchase Intent* | Clothing and Accessories	Purchase Intent*	Clothing and Accessories					See *Purchase Intent Classification* Extension
	920	919	Purchase Intent* | Clothing and Accessories | Clothing |	Purchase Intent*	Clothing and Accessories	Clothing				See *Purchase Intent Classification* Extension
	921	920	Purchase Intent* | Clothing and Accessories | Children's Clothing |	Purchase Intent*	Clothing and Accessories	Clothing	Children's Clothing			See *Purchase Intent Classification* Extension
	922	920	Purchase Intent* | Clothing and Accessories | Men's Clothing |	Purchase Intent*	Clothing and Accessories	Clothing	Men's Clothing			See *Purchase Intent Classification* Extension
	923	920	Purchase Intent* | Clothing and Accessories | Women's Clothing |	Purchase Intent*	Clothing and Accessories	Clothing	Women's Clothing			See *Purchase Intent Classification* Extension
	924	920	Purchase Intent* | Clothing and Accessories | Wedding Dresses/Bridal Wear/Tuxedos |	Purchase Intent*	Clothing and Accessories	Clothing	Wedding Dresses/Bridal Wear/Tuxedos			See *Purchase Intent Classification* Extension
	925	920	Purchase Intent* | Clothing and Accessories | Maternity Clothing |	Purchase Intent*	Clothing and Accessories	Clothing	Maternity Clothing			See *Purchase Intent Classification* Extension
	926	920	Purchase Intent* | Clothing and Accessories | Underwear and Lingerie |	Purchase Intent*	Clothing and Accessories	Clothing	Underwear and Lingerie			See *Purchase Intent Classification* Extension
	927	920	Purchase Intent* | Clothing and Accessories | Sportswear |	Purchase Intent*	Clothing and Accessories	Clothing	Sportswear			See *Purchase Intent Classification* Extension
	928	919	Purchase Intent* | Clothing and Accessories | Clothing Accessories |	Purchase Intent*	Clothing and Accessories	Clothing Accessories				See *Purchase Intent Classification* Extension
	929	919	Purchase Intent* | Clothing and Accessories | Costumes and Accessories |	Purchase Intent*	Clothing and Accessories	Costumes and Accessories				See *Purchase Intent Classification* Extension
	930	919	Purchase Intent* | Clothing and Accessories | Footwear |	Purchase Intent*	Clothing and Accessories	Footwear				See *Purchase Intent Classification* Extension
	931	919	Purchase Intent* | Clothing and Accessories | Footwear Accessories |	Purchase Intent*	Clothing and Accessories	Footwear Accessories				See *Purchase Intent Classification* Extension
	932	919	Purchase Intent* | Clothing and Accessories | Handbags and Wallets |	Purchase Intent*	Clothing and Accessories	Handbags and Wallets				See *Purchase Intent Classification* Extension
	933	919	Purchase Intent* | Clothing and Accessories | Jewelry and Watches |	Purchase Intent*	Clothing and Accessories	Jewelry and Watches				See *Purchase Intent Classification* Extension
	934	919	Purchase Intent* | Clothing and Accessories | Sunglasses |	Purchase Intent*	Clothing and Accessories	Sunglasses				See *Purchase Intent Classification* Extension
	935	752	Purchase Intent* | Collectables and Antiques	Purchase Intent*	Collectables and Antiques					See *Purchase Intent Classification* Extension
	936	935	Purchase Intent* | Collectables and Antiques | Antiques |	Purchase Intent*	Collectables and Antiques	Antiques				See *Purchase Intent Classification* Extension
	937	935	Purchase Intent* | Collectables and Antiques | Coins and Paper Money |	Purchase Intent*	Collectables and Antiques	Coins and Paper Money				See *Purchase Intent Classification* Extension
	938	935	Purchase Intent* | Collectables and Antiques | Collectibles |	Purchase Intent*	Collectables and Antiques	Collectibles				See *Purchase Intent Classification* Extension
	939	935	Purchase Intent* | Collectables and Antiques | Entertainment Memorabilia |	Purchase Intent*	Collectables and Antiques	Entertainment Memorabilia				See *Purchase Intent Classification* Extension
	940	935	Purchase Intent* | Collectables and Antiques | Sports Memorabilia and Trading Cards |	Purchase Intent*	Collectables and Antiques	Sports Memorabilia and Trading Cards				See *Purchase Intent Classification* Extension
	941	935	Purchase Intent* | Collectables and Antiques | Stamps |	Purchase Intent*	Collectables and Antiques	Stamps				See *Purchase Intent Classification* Extension
	942	752	Purchase Intent* | Consumer Electronics	Purchase Intent*	Consumer Electronics					See *Purchase Intent Classification* Extension
	943	942	Purchase Intent* | Consumer Electronics | Arcade Equipment |	Purchase Intent*	Consumer Electronics	Arcade Equipment				See *Purchase Intent Classification* Extension
	944	942	Purchase Intent* | Consumer Electronics | Audio |	Purchase Intent*	Consumer Electronics	Audio				See *Purchase Intent Classification* Extension
	945	944	Purchase Intent* | Consumer Electronics | CD Players |	Purchase Intent*	Consumer Electronics	Audio	CD Players			See *Purchase Intent Classification* Extension
	946	944	Purchase Intent* | Consumer Electronics | Headphones |	Purchase Intent*	Consumer Electronics	Audio	Headphones			See *Purchase Intent Classification* Extension
	947	942	Purchase Intent* | Consumer Electronics | Cameras and Photo |	Purchase Intent*	Consumer Electronics	Cameras and Photo				See *Purchase Intent Classification* Extension
	948	947	Purchase Intent* | Consumer Electronics | Camera and Photo Accessories |	Purchase Intent*	Consumer Electronics	Cameras and Photo	Camera and Photo Accessories			See *Purchase Intent Classification* Extension
	949	947	Purchase Intent* | Consumer Electronics | Cameras |	Purchase Intent*	Consumer Electronics	Cameras and Photo	Cameras			See *Purchase Intent Classification* Extension
	950	942	Purchase Intent* | Consumer Electronics | Circuit Boards and Components |	Purchase Intent*	Consumer Electronics	Circuit Boards and Components				See *Purchase Intent Classification* Extension
	951	942	Purchase Intent* | Consumer Electronics | Communications Electronics |	Purchase Intent*	Consumer Electronics	Communications Electronics				See *Purchase Intent Classification* Extension
	952	942	Purchase Intent* | Consumer Electronics | Components |	Purchase Intent*	Consumer Electronics	Components				See *Purchase Intent Classification* Extension
	953	942	Purchase Intent* | Consumer Electronics | Computers |	Purchase Intent*	Consumer Electronics	Computers				See *Purchase Intent Classification* Extension
	954	953	Purchase Intent* | Consumer Electronics | Laptops |	Purchase Intent*	Consumer Electronics	Computers	Laptops			See *Purchase Intent Classification* Extension
	955	953	Purchase Intent* | Consumer Electronics | Desktops |	Purchase Intent*	Consumer Electronics	Computers	Desktops			See *Purchase Intent Classification* Extension
	956	942	Purchase Intent* | Consumer Electronics | E-Readers |	Purchase Intent*	Consumer Electronics	E-Readers				See *Purchase Intent Classification* Extension
	957	942	Purchase Intent* | Consumer Electronics | Electronics Accessories |	Purchase Intent*	Consumer Electronics	Electronics Accessories				See *Purchase Intent Classification* Extension
	958	942	Purchase Intent* | Consumer Electronics | Home Theater Systems |	Purchase Intent*	Consumer Electronics	Home Theater Systems				See *Purchase Intent Classification* Extension
	959	942	Purchase Intent* | Consumer Electronics | Marine Electronics |	Purchase Intent*	Consumer Electronics	Marine Electronics				See *Purchase Intent Classification* Extension
	960	942	Purchase Intent* | Consumer Electronics | Mobile Phone Plans |	Purchase Intent*	Consumer Electronics	Mobile Phone Plans				See *Purchase Intent Classification* Extension
	961	942	Purchase Intent* | Consumer Electronics | Mobile Phones and Accessories |	Purchase Intent*	Consumer Electronics	Mobile Phones and Accessories				See *Purchase Intent Classification* Extension
	962	942	Purchase Intent* | Consumer Electronics | Networking |	Purchase Intent*	Consumer Electronics	Networking				See *Purchase Intent Classification* Extension
	963	942	Purchase Intent* | Consumer Electronics | Printers/Copiers/Scanners/Fax |	Purchase Intent*	Consumer Electronics	Printers/Copiers/Scanners/Fax				See *Purchase Intent Classification* Extension
	964	942	Purchase Intent* | Consumer Electronics | Security Devices |	Purchase Intent*	Consumer Electronics	Security Devices				See *Purchase Intent Classification* Extension
	965	942	Purchase Intent* | Consumer Electronics | Tablets |	Purchase Intent*	Consumer Electronics	Tablets				See *Purchase Intent Classification* Extension
	966	942	Purchase Intent* | Consumer Electronics | Televisions |	Purchase Intent*	Consumer Electronics	Televisions				See *Purchase Intent Classification* Extension
	967	942	Purchase Intent* | Consumer Electronics | Video |	Purchase Intent*	Consumer Electronics	Video				See *Purchase Intent Classification* Extension
	968	967	Purchase Intent* | Consumer Electronics | Blu-Ray Disc Players |	Purchase Intent*	Consumer Electronics	Video	Blu-Ray Disc Players			See *Purchase Intent Classification* Extension
	969	967	Purchase Intent* | Consumer Electronics | Camcorders |	Purchase Intent*	Consumer Electronics	Video	Camcorders			See *Purchase Intent Classification* Extension
	970	942	Purchase Intent* | Consumer Electronics | Video Game Console Accessories |	Purchase Intent*	Consumer Electronics	Video Game Console Accessories				See *Purchase Intent Classification* Extension
	971	942	Purchase Intent* | Consumer Electronics | Video Games and Consoles |	Purchase Intent*	Consumer Electronics	Video Games and Consoles				See *Purchase Intent Classification* Extension
	972	752	Purchase Intent* | Consumer Packaged Goods	Purchase Intent*	Consumer Packaged Goods					See *Purchase Intent Classification* Extension
	973	972	Purchase Intent* | Consumer Packaged Goods | Edible |	Purchase Intent*	Consumer Packaged Goods	Edible				See *Purchase Intent Classification* Extension
	974	973	Purchase Intent* | Consumer Packaged Goods | Beverages |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages			See *Purchase Intent Classification* Extension
	975	974	Purchase Intent* | Consumer Packaged Goods | Carbonated Soft Drinks |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Carbonated Soft Drinks		See *Purchase Intent Classification* Extension
	976	974	Purchase Intent* | Consumer Packaged Goods | Coffee & Tea |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Coffee & Tea		See *Purchase Intent Classification* Extension
	977	976	Purchase Intent* | Consumer Packaged Goods | Coffee |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Coffee & Tea	Coffee	See *Purchase Intent Classification* Extension
	978	976	Purchase Intent* | Consumer Packaged Goods | Coffee Creamer |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Coffee & Tea	Coffee Creamer	See *Purchase Intent Classification* Extension
	979	976	Purchase Intent* | Consumer Packaged Goods | Coffee Filters |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Coffee & Tea	Coffee Filters	See *Purchase Intent Classification* Extension
	980	976	Purchase Intent* | Consumer Packaged Goods | Tea - Bags/loose |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Coffee & Tea	Tea - Bags/loose	See *Purchase Intent Classification* Extension
	981	976	Purchase Intent* | Consumer Packaged Goods | Tea - Instant Tea Mixes |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Coffee & Tea	Tea - Instant Tea Mixes	See *Purchase Intent Classification* Extension
	982	976	Purchase Intent* | Consumer Packaged Goods | Tea/Coffee - Ready-to-Drink |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Coffee & Tea	Tea/Coffee - Ready-to-Drink	See *Purchase Intent Classification* Extension
	983	974	Purchase Intent* | Consumer Packaged Goods | Drink Mixes |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Drink Mixes		See *Purchase Intent Classification* Extension
	984	983	Purchase Intent* | Consumer Packaged Goods | Cocktail Mixes |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Drink Mixes	Cocktail Mixes	See *Purchase Intent Classification* Extension
	985	983	Purchase Intent* | Consumer Packaged Goods | Drink Mixes |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Drink Mixes	Drink Mixes	See *Purchase Intent Classification* Extension
	986	983	Purchase Intent* | Consumer Packaged Goods | Liquid Drink Enhancers |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Drink Mixes	Liquid Drink Enhancers	See *Purchase Intent Classification* Extension
	987	983	Purchase Intent* | Consumer Packaged Goods | Milk Flavoring Cocoa Mixes |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Drink Mixes	Milk Flavoring Cocoa Mixes	See *Purchase Intent Classification* Extension
	988	974	Purchase Intent* | Consumer Packaged Goods | Juices |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Juices		See *Purchase Intent Classification* Extension
	989	988	Purchase Intent* | Consumer Packaged Goods | Aseptic Juices |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Juices	Aseptic Juices	See *Purchase Intent Classification* Extension
	990	988	Purchase Intent* | Consumer Packaged Goods | Bottled Juices |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Juices	Bottled Juices	See *Purchase Intent Classification* Extension
	991	988	Purchase Intent* | Consumer Packaged Goods | Canned Juices |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Juices	Canned Juices	See *Purchase Intent Classification* Extension
	992	988	Purchase Intent* | Consumer Packaged Goods | Juice/Drink Concentrate |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Juices	Juice/Drink Concentrate	See *Purchase Intent Classification* Extension
	993	974	Purchase Intent* | Consumer Packaged Goods | Non-Fruit Drinks |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Non-Fruit Drinks		See *Purchase Intent Classification* Extension
	994	993	Purchase Intent* | Consumer Packaged Goods | Non-Fruit Drinks |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Non-Fruit Drinks	Non-Fruit Drinks	See *Purchase Intent Classification* Extension
	995	993	Purchase Intent* | Consumer Packaged Goods | Powdered Milk |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Non-Fruit Drinks	Powdered Milk	See *Purchase Intent Classification* Extension
	996	974	Purchase Intent* | Consumer Packaged Goods | Sports/Energy Drinks |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Sports/Energy Drinks		See *Purchase Intent Classification* Extension
	997	996	Purchase Intent* | Consumer Packaged Goods | Energy Drinks |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Sports/Energy Drinks	Energy Drinks	See *Purchase Intent Classification* Extension
	998	996	Purchase Intent* | Consumer Packaged Goods | Sports Drinks |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Sports/Energy Drinks	Sports Drinks	See *Purchase Intent Classification* Extension
	999	974	Purchase Intent* | Consumer Packaged Goods | Water |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Water		See *Purchase Intent Classification* Extension
	1000	999	Purchase Intent* | Consumer Packaged Goods | Bottled Water |	Purchase Intent*	Consumer Packaged Goods	Edible	Beverages	Water	Bottled Water	See *Purchase Intent Classification* Extension
	1001	973	Purchase Intent* | Consumer Packaged Goods | Frozen |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen			See *Purchase Intent Classification* Extension
	1002	1001	Purchase Intent* | Consumer Packaged Goods | Frozen Baked Goods |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Baked Goods		See *Purchase Intent Classification* Extension
	1003	1002	Purchase Intent* | Consumer Packaged Goods | Bread/Dough |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Baked Goods	Bread/Dough	See *Purchase Intent Classification* Extension
	1004	1002	Purchase Intent* | Consumer Packaged Goods | Cookies |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Baked Goods	Cookies	See *Purchase Intent Classification* Extension
	1005	1002	Purchase Intent* | Consumer Packaged Goods | Pies |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Baked Goods	Pies	See *Purchase Intent Classification* Extension
	1006	1001	Purchase Intent* | Consumer Packaged Goods | Frozen Beverages |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Beverages		See *Purchase Intent Classification* Extension
	1007	1006	Purchase Intent* | Consumer Packaged Goods | Coffee Creamer |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Beverages	Coffee Creamer	See *Purchase Intent Classification* Extension
	1008	1006	Purchase Intent* | Consumer Packaged Goods | Juices |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Beverages	Juices	See *Purchase Intent Classification* Extension
	1009	1001	Purchase Intent* | Consumer Packaged Goods | Frozen Desserts |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Desserts		See *Purchase Intent Classification* Extension
	1010	1009	Purchase Intent* | Consumer Packaged Goods | Desserts/Toppings |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Desserts	Desserts/Toppings	See *Purchase Intent Classification* Extension
	1011	1009	Purchase Intent* | Consumer Packaged Goods | Ice Cream/Sherbet |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Desserts	Ice Cream/Sherbet	See *Purchase Intent Classification* Extension
	1012	1009	Purchase Intent* | Consumer Packaged Goods | Novelties |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Desserts	Novelties	See *Purchase Intent Classification* Extension
	1013	1001	Purchase Intent* | Consumer Packaged Goods | Frozen Fruits & Vegetables |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Fruits & Vegetables		See *Purchase Intent Classification* Extension
	1014	1013	Purchase Intent* | Consumer Packaged Goods | Corn on the Cob |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Fruits & Vegetables	Corn on the Cob	See *Purchase Intent Classification* Extension
	1015	1013	Purchase Intent* | Consumer Packaged Goods | Fruit |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Fruits & Vegetables	Fruit	See *Purchase Intent Classification* Extension
	1016	1013	Purchase Intent* | Consumer Packaged Goods | Plain Vegetables |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Fruits & Vegetables	Plain Vegetables	See *Purchase Intent Classification* Extension
	1017	1013	Purchase Intent* | Consumer Packaged Goods | Potatoes/Onions |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Fruits & Vegetables	Potatoes/Onions	See *Purchase Intent Classification* Extension
	1018	1013	Purchase Intent* | Consumer Packaged Goods | Prepared Vegetables |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Fruits & Vegetables	Prepared Vegetables	See *Purchase Intent Classification* Extension
	1019	1001	Purchase Intent* | Consumer Packaged Goods | Frozen Meals |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Meals		See *Purchase Intent Classification* Extension
	1020	1019	Purchase Intent* | Consumer Packaged Goods | Breakfast Food |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Meals	Breakfast Food	See *Purchase Intent Classification* Extension
	1021	1019	Purchase Intent* | Consumer Packaged Goods | Dinners/Entrees |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Meals	Dinners/Entrees	See *Purchase Intent Classification* Extension
	1022	1019	Purchase Intent* | Consumer Packaged Goods | Pasta |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Meals	Pasta	See *Purchase Intent Classification* Extension
	1023	1019	Purchase Intent* | Consumer Packaged Goods | Pizza |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Meals	Pizza	See *Purchase Intent Classification* Extension
	1024	1019	Purchase Intent* | Consumer Packaged Goods | Soups/Sides/Other |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Meals	Soups/Sides/Other	See *Purchase Intent Classification* Extension
	1025	1001	Purchase Intent* | Consumer Packaged Goods | Frozen Meat/Poultry/Seafood |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Meat/Poultry/Seafood		See *Purchase Intent Classification* Extension
	1026	1025	Purchase Intent* | Consumer Packaged Goods | Meat |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Meat/Poultry/Seafood	Meat	See *Purchase Intent Classification* Extension
	1027	1025	Purchase Intent* | Consumer Packaged Goods | Poultry |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Meat/Poultry/Seafood	Poultry	See *Purchase Intent Classification* Extension
	1028	1025	Purchase Intent* | Consumer Packaged Goods | Processed Poultry |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Meat/Poultry/Seafood	Processed Poultry	See *Purchase Intent Classification* Extension
	1029	1025	Purchase Intent* | Consumer Packaged Goods | Seafood |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Meat/Poultry/Seafood	Seafood	See *Purchase Intent Classification* Extension
	1030	1001	Purchase Intent* | Consumer Packaged Goods | Frozen Snacks |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Snacks		See *Purchase Intent Classification* Extension
	1031	1030	Purchase Intent* | Consumer Packaged Goods | Appetizers/Snack Rolls |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Snacks	Appetizers/Snack Rolls	See *Purchase Intent Classification* Extension
	1032	1030	Purchase Intent* | Consumer Packaged Goods | Other Snacks |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Frozen Snacks	Other Snacks	See *Purchase Intent Classification* Extension
	1033	1001	Purchase Intent* | Consumer Packaged Goods | Other Frozen |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Other Frozen		See *Purchase Intent Classification* Extension
	1034	1033	Purchase Intent* | Consumer Packaged Goods | Baby Food |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Other Frozen	Baby Food	See *Purchase Intent Classification* Extension
	1035	1033	Purchase Intent* | Consumer Packaged Goods | Other Food |	Purchase Intent*	Consumer Packaged Goods	Edible	Frozen	Other Frozen	Other Food	See *Purchase Intent Classification* Extension
	1036	973	Purchase Intent* | Consumer Packaged Goods | General Food |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food			See *Purchase Intent Classification* Extension
	1037	1036	Purchase Intent* | Consumer Packaged Goods | Baby Food |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baby Food		See *Purchase Intent Classification* Extension
	1038	1037	Purchase Intent* | Consumer Packaged Goods | Baby Food |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baby Food	Baby Food	See *Purchase Intent Classification* Extension
	1039	1037	Purchase Intent* | Consumer Packaged Goods | Baby Formula/Electrolytes |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baby Food	Baby Formula/Electrolytes	See *Purchase Intent Classification* Extension
	1040	1036	Purchase Intent* | Consumer Packaged Goods | Bakery |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Bakery		See *Purchase Intent Classification* Extension
	1041	1040	Purchase Intent* | Consumer Packaged Goods | Bagels/Bialys |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Bakery	Bagels/Bialys	See *Purchase Intent Classification* Extension
	1042	1040	Purchase Intent* | Consumer Packaged Goods | Bakery Snacks |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Bakery	Bakery Snacks	See *Purchase Intent Classification* Extension
	1043	1040	Purchase Intent* | Consumer Packaged Goods | English Muffins |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Bakery	English Muffins	See *Purchase Intent Classification* Extension
	1044	1040	Purchase Intent* | Consumer Packaged Goods | Fresh Bread & Rolls |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Bakery	Fresh Bread & Rolls	See *Purchase Intent Classification* Extension
	1045	1040	Purchase Intent* | Consumer Packaged Goods | Pastry/Doughnuts |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Bakery	Pastry/Doughnuts	See *Purchase Intent Classification* Extension
	1046	1040	Purchase Intent* | Consumer Packaged Goods | Pies & Cakes |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Bakery	Pies & Cakes	See *Purchase Intent Classification* Extension
	1047	1036	Purchase Intent* | Consumer Packaged Goods | Baking |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking		See *Purchase Intent Classification* Extension
	1048	1047	Purchase Intent* | Consumer Packaged Goods | Baking Cups/Paper |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Baking Cups/Paper	See *Purchase Intent Classification* Extension
	1049	1047	Purchase Intent* | Consumer Packaged Goods | Baking Mixes |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Baking Mixes	See *Purchase Intent Classification* Extension
	1050	1047	Purchase Intent* | Consumer Packaged Goods | Baking Needs |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Baking Needs	See *Purchase Intent Classification* Extension
	1051	1047	Purchase Intent* | Consumer Packaged Goods | Baking Nuts |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Baking Nuts	See *Purchase Intent Classification* Extension
	1052	1047	Purchase Intent* | Consumer Packaged Goods | Baking Syrum/Molasses |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Baking Syrum/Molasses	See *Purchase Intent Classification* Extension
	1053	1047	Purchase Intent* | Consumer Packaged Goods | Dessert Toppings |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Dessert Toppings	See *Purchase Intent Classification* Extension
	1054	1047	Purchase Intent* | Consumer Packaged Goods | Egg Substitute |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Egg Substitute	See *Purchase Intent Classification* Extension
	1055	1047	Purchase Intent* | Consumer Packaged Goods | Evaporated/Condensed Milk |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Evaporated/Condensed Milk	See *Purchase Intent Classification* Extension
	1056	1047	Purchase Intent* | Consumer Packaged Goods | Flour/Meal |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Flour/Meal	See *Purchase Intent Classification* Extension
	1057	1047	Purchase Intent* | Consumer Packaged Goods | Frosting |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Frosting	See *Purchase Intent Classification* Extension
	1058	1047	Purchase Intent* | Consumer Packaged Goods | Frt & Veg Preservative/Pectin |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Frt & Veg Preservative/Pectin	See *Purchase Intent Classification* Extension
	1059	1047	Purchase Intent* | Consumer Packaged Goods | Gelatin/Pudding PRD and Mixes |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Gelatin/Pudding PRD and Mixes	See *Purchase Intent Classification* Extension
	1060	1047	Purchase Intent* | Consumer Packaged Goods | Glazed Fruits |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Glazed Fruits	See *Purchase Intent Classification* Extension
	1061	1047	Purchase Intent* | Consumer Packaged Goods | Ice Cream Cones/Mixes |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Ice Cream Cones/Mixes	See *Purchase Intent Classification* Extension
	1062	1047	Purchase Intent* | Consumer Packaged Goods | Marshmallows |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Marshmallows	See *Purchase Intent Classification* Extension
	1063	1047	Purchase Intent* | Consumer Packaged Goods | Shortening & Oil |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Shortening & Oil	See *Purchase Intent Classification* Extension
	1064	1047	Purchase Intent* | Consumer Packaged Goods | Spices/Seasonings |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Spices/Seasonings	See *Purchase Intent Classification* Extension
	1065	1047	Purchase Intent* | Consumer Packaged Goods | Sugar |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Sugar	See *Purchase Intent Classification* Extension
	1066	1047	Purchase Intent* | Consumer Packaged Goods | Sugar Substitutes |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Baking	Sugar Substitutes	See *Purchase Intent Classification* Extension
	1067	1036	Purchase Intent* | Consumer Packaged Goods | Breakfast |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Breakfast		See *Purchase Intent Classification* Extension
	1068	1067	Purchase Intent* | Consumer Packaged Goods | Cold cereal |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Breakfast	Cold cereal	See *Purchase Intent Classification* Extension
	1069	1067	Purchase Intent* | Consumer Packaged Goods | Hot Cereal |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Breakfast	Hot Cereal	See *Purchase Intent Classification* Extension
	1070	1067	Purchase Intent* | Consumer Packaged Goods | Other Breakfast Foods |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Breakfast	Other Breakfast Foods	See *Purchase Intent Classification* Extension
	1071	1067	Purchase Intent* | Consumer Packaged Goods | Pancake Mixes |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Breakfast	Pancake Mixes	See *Purchase Intent Classification* Extension
	1072	1067	Purchase Intent* | Consumer Packaged Goods | Syrup |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Breakfast	Syrup	See *Purchase Intent Classification* Extension
	1073	1067	Purchase Intent* | Consumer Packaged Goods | Toaster Pastries/Tarts |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Breakfast	Toaster Pastries/Tarts	See *Purchase Intent Classification* Extension
	1074	1036	Purchase Intent* | Consumer Packaged Goods | Candy |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Candy		See *Purchase Intent Classification* Extension
	1075	1074	Purchase Intent* | Consumer Packaged Goods | Breath Fresheners |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Candy	Breath Fresheners	See *Purchase Intent Classification* Extension
	1076	1074	Purchase Intent* | Consumer Packaged Goods | Chocolate Candy |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Candy	Chocolate Candy	See *Purchase Intent Classification* Extension
	1077	1074	Purchase Intent* | Consumer Packaged Goods | Gum |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Candy	Gum	See *Purchase Intent Classification* Extension
	1078	1074	Purchase Intent* | Consumer Packaged Goods | Non-Chocolate Candy |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Candy	Non-Chocolate Candy	See *Purchase Intent Classification* Extension
	1079	1036	Purchase Intent* | Consumer Packaged Goods | Condiments & Sauces |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Condiments & Sauces		See *Purchase Intent Classification* Extension
	1080	1079	Purchase Intent* | Consumer Packaged Goods | Barbeque Sauce |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Condiments & Sauces	Barbeque Sauce	See *Purchase Intent Classification* Extension
	1081	1079	Purchase Intent* | Consumer Packaged Goods | Gravy/Sauce Mixes |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Condiments & Sauces	Gravy/Sauce Mixes	See *Purchase Intent Classification* Extension
	1082	1079	Purchase Intent* | Consumer Packaged Goods | Jellies/Jam/Honey |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Condiments & Sauces	Jellies/Jam/Honey	See *Purchase Intent Classification* Extension
	1083	1079	Purchase Intent* | Consumer Packaged Goods | Mayonnaise |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Condiments & Sauces	Mayonnaise	See *Purchase Intent Classification* Extension
	1084	1079	Purchase Intent* | Consumer Packaged Goods | Mustard & Ketchup |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Condiments & Sauces	Mustard & Ketchup	See *Purchase Intent Classification* Extension
	1085	1079	Purchase Intent* | Consumer Packaged Goods | Nut Butter |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Condiments & Sauces	Nut Butter	See *Purchase Intent Classification* Extension
	1086	1079	Purchase Intent* | Consumer Packaged Goods | Other Sauces |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Condiments & Sauces	Other Sauces	See *Purchase Intent Classification* Extension
	1087	1079	Purchase Intent* | Consumer Packaged Goods | Pickles/Relish/Olives |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Condiments & Sauces	Pickles/Relish/Olives	See *Purchase Intent Classification* Extension
	1088	1079	Purchase Intent* | Consumer Packaged Goods | Salad Dressing |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Condiments & Sauces	Salad Dressing	See *Purchase Intent Classification* Extension
	1089	1079	Purchase Intent* | Consumer Packaged Goods | Salad Toppings and Croutons |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Condiments & Sauces	Salad Toppings and Croutons	See *Purchase Intent Classification* Extension
	1090	1079	Purchase Intent* | Consumer Packaged Goods | Steak/Worcestershire Sauce |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Condiments & Sauces	Steak/Worcestershire Sauce	See *Purchase Intent Classification* Extension
	1091	1079	Purchase Intent* | Consumer Packaged Goods | Vinegar |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Condiments & Sauces	Vinegar	See *Purchase Intent Classification* Extension
	1092	1036	Purchase Intent* | Consumer Packaged Goods | Cookies & Crackers |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Cookies & Crackers		See *Purchase Intent Classification* Extension
	1093	1092	Purchase Intent* | Consumer Packaged Goods | Cookies |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Cookies & Crackers	Cookies	See *Purchase Intent Classification* Extension
	1094	1092	Purchase Intent* | Consumer Packaged Goods | Crackers |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Cookies & Crackers	Crackers	See *Purchase Intent Classification* Extension
	1095	1036	Purchase Intent* | Consumer Packaged Goods | Ethnic |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Ethnic		See *Purchase Intent Classification* Extension
	1096	1095	Purchase Intent* | Consumer Packaged Goods | Asian food |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Ethnic	Asian food	See *Purchase Intent Classification* Extension
	1097	1095	Purchase Intent* | Consumer Packaged Goods | Matzoh Food |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Ethnic	Matzoh Food	See *Purchase Intent Classification* Extension
	1098	1095	Purchase Intent* | Consumer Packaged Goods | Mexican Foods |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Ethnic	Mexican Foods	See *Purchase Intent Classification* Extension
	1099	1095	Purchase Intent* | Consumer Packaged Goods | Mexican Sauce |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Ethnic	Mexican Sauce	See *Purchase Intent Classification* Extension
	1100	1036	Purchase Intent* | Consumer Packaged Goods | Meals |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals		See *Purchase Intent Classification* Extension
	1101	1100	Purchase Intent* | Consumer Packaged Goods | Baked Beans/Canned Bread |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Baked Beans/Canned Bread	See *Purchase Intent Classification* Extension
	1102	1100	Purchase Intent* | Consumer Packaged Goods | Breadcrumbs/Batters |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Breadcrumbs/Batters	See *Purchase Intent Classification* Extension
	1103	1100	Purchase Intent* | Consumer Packaged Goods | Dinners |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Dinners	See *Purchase Intent Classification* Extension
	1104	1100	Purchase Intent* | Consumer Packaged Goods | Dry Packaged Dinner Mixes |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Dry Packaged Dinner Mixes	See *Purchase Intent Classification* Extension
	1105	1100	Purchase Intent* | Consumer Packaged Goods | Grated Cheese |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Grated Cheese	See *Purchase Intent Classification* Extension
	1106	1100	Purchase Intent* | Consumer Packaged Goods | Instant Potatoes |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Instant Potatoes	See *Purchase Intent Classification* Extension
	1107	1100	Purchase Intent* | Consumer Packaged Goods | Meat |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Meat	See *Purchase Intent Classification* Extension
	1108	1100	Purchase Intent* | Consumer Packaged Goods | Pasta |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Pasta	See *Purchase Intent Classification* Extension
	1109	1100	Purchase Intent* | Consumer Packaged Goods | Pizza Products |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Pizza Products	See *Purchase Intent Classification* Extension
	1110	1100	Purchase Intent* | Consumer Packaged Goods | Rice |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Rice	See *Purchase Intent Classification* Extension
	1111	1100	Purchase Intent* | Consumer Packaged Goods | Seafood |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Seafood	See *Purchase Intent Classification* Extension
	1112	1100	Purchase Intent* | Consumer Packaged Goods | Soup |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Soup	See *Purchase Intent Classification* Extension
	1113	1100	Purchase Intent* | Consumer Packaged Goods | Spaghetti/Italian Sauce |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Spaghetti/Italian Sauce	See *Purchase Intent Classification* Extension
	1114	1100	Purchase Intent* | Consumer Packaged Goods | Stuffing Mixes |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Meals	Stuffing Mixes	See *Purchase Intent Classification* Extension
	1115	1036	Purchase Intent* | Consumer Packaged Goods | Snacks |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Snacks		See *Purchase Intent Classification* Extension
	1116	1115	Purchase Intent* | Consumer Packaged Goods | Dip/Dip Mixes |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Snacks	Dip/Dip Mixes	See *Purchase Intent Classification* Extension
	1117	1115	Purchase Intent* | Consumer Packaged Goods | Dried Meat Snacks |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Snacks	Dried Meat Snacks	See *Purchase Intent Classification* Extension
	1118	1115	Purchase Intent* | Consumer Packaged Goods | Dry Fruit Snacks |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Snacks	Dry Fruit Snacks	See *Purchase Intent Classification* Extension
	1119	1115	Purchase Intent* | Consumer Packaged Goods | Other Snacks |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Snacks	Other Snacks	See *Purchase Intent Classification* Extension
	1120	1115	Purchase Intent* | Consumer Packaged Goods | Popcorn/Popcorn Oil |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Snacks	Popcorn/Popcorn Oil	See *Purchase Intent Classification* Extension
	1121	1115	Purchase Intent* | Consumer Packaged Goods | Rice/Popcorn Cakes |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Snacks	Rice/Popcorn Cakes	See *Purchase Intent Classification* Extension
	1122	1115	Purchase Intent* | Consumer Packaged Goods | Salty Snacks |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Snacks	Salty Snacks	See *Purchase Intent Classification* Extension
	1123	1115	Purchase Intent* | Consumer Packaged Goods | Snack Bars/Granola Bars |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Snacks	Snack Bars/Granola Bars	See *Purchase Intent Classification* Extension
	1124	1115	Purchase Intent* | Consumer Packaged Goods | Snack Nuts/Seeds/Corn Nuts |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Snacks	Snack Nuts/Seeds/Corn Nuts	See *Purchase Intent Classification* Extension
	1125	1036	Purchase Intent* | Consumer Packaged Goods | Fruit |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Fruit		See *Purchase Intent Classification* Extension
	1126	1125	Purchase Intent* | Consumer Packaged Goods | Canned/Bottled Fruit |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Fruit	Canned/Bottled Fruit	See *Purchase Intent Classification* Extension
	1127	1125	Purchase Intent* | Consumer Packaged Goods | Dried Fruit |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Fruit	Dried Fruit	See *Purchase Intent Classification* Extension
	1128	1036	Purchase Intent* | Consumer Packaged Goods | Vegetables |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Vegetables		See *Purchase Intent Classification* Extension
	1129	1128	Purchase Intent* | Consumer Packaged Goods | Dry Beans/Vegetables |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Vegetables	Dry Beans/Vegetables	See *Purchase Intent Classification* Extension
	1130	1128	Purchase Intent* | Consumer Packaged Goods | Tomato Products |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Vegetables	Tomato Products	See *Purchase Intent Classification* Extension
	1131	1128	Purchase Intent* | Consumer Packaged Goods | Vegetables |	Purchase Intent*	Consumer Packaged Goods	Edible	General Food	Vegetables	Vegetables	See *Purchase Intent Classification* Extension
	1132	973	Purchase Intent* | Consumer Packaged Goods | Refrigerated |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated			See *Purchase Intent Classification* Extension
	1133	1132	Purchase Intent* | Consumer Packaged Goods | Dairy |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Dairy		See *Purchase Intent Classification* Extension
	1134	1133	Purchase Intent* | Consumer Packaged Goods | Butter/Butter Blends |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Dairy	Butter/Butter Blends	See *Purchase Intent Classification* Extension
	1135	1133	Purchase Intent* | Consumer Packaged Goods | Cottage Cheese |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Dairy	Cottage Cheese	See *Purchase Intent Classification* Extension
	1136	1133	Purchase Intent* | Consumer Packaged Goods | Cream Cheese/Cr Spread |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Dairy	Cream Cheese/Cr Spread	See *Purchase Intent Classification* Extension
	1137	1133	Purchase Intent* | Consumer Packaged Goods | Creams/Creamers |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Dairy	Creams/Creamers	See *Purchase Intent Classification* Extension
	1138	1133	Purchase Intent* | Consumer Packaged Goods | Fresh Eggs |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Dairy	Fresh Eggs	See *Purchase Intent Classification* Extension
	1139	1133	Purchase Intent* | Consumer Packaged Goods | Margarine/Spreads |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Dairy	Margarine/Spreads	See *Purchase Intent Classification* Extension
	1140	1133	Purchase Intent* | Consumer Packaged Goods | Milk |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Dairy	Milk	See *Purchase Intent Classification* Extension
	1141	1133	Purchase Intent* | Consumer Packaged Goods | Natural Cheese |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Dairy	Natural Cheese	See *Purchase Intent Classification* Extension
	1142	1133	Purchase Intent* | Consumer Packaged Goods | Processed Cheese |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Dairy	Processed Cheese	See *Purchase Intent Classification* Extension
	1143	1133	Purchase Intent* | Consumer Packaged Goods | Sour Cream |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Dairy	Sour Cream	See *Purchase Intent Classification* Extension
	1144	1133	Purchase Intent* | Consumer Packaged Goods | Whipped Toppings |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Dairy	Whipped Toppings	See *Purchase Intent Classification* Extension
	1145	1133	Purchase Intent* | Consumer Packaged Goods | Yogurt |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Dairy	Yogurt	See *Purchase Intent Classification* Extension
	1146	1132	Purchase Intent* | Consumer Packaged Goods | Other Refrigerated |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Other Refrigerated		See *Purchase Intent Classification* Extension
	1147	1146	Purchase Intent* | Consumer Packaged Goods | Lard |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Other Refrigerated	Lard	See *Purchase Intent Classification* Extension
	1148	1146	Purchase Intent* | Consumer Packaged Goods | Tortilla/Eggroll/Wonton Wrap |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Other Refrigerated	Tortilla/Eggroll/Wonton Wrap	See *Purchase Intent Classification* Extension
	1149	1132	Purchase Intent* | Consumer Packaged Goods | Refrigerated Baked Goods |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Baked Goods		See *Purchase Intent Classification* Extension
	1150	1149	Purchase Intent* | Consumer Packaged Goods | Baked Goods |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Baked Goods	Baked Goods	See *Purchase Intent Classification* Extension
	1151	1132	Purchase Intent* | Consumer Packaged Goods | Refrigerated Beverages |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Beverages		See *Purchase Intent Classification* Extension
	1152	1151	Purchase Intent* | Consumer Packaged Goods | Juices/Drinks |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Beverages	Juices/Drinks	See *Purchase Intent Classification* Extension
	1153	1151	Purchase Intent* | Consumer Packaged Goods | Tea/Coffee |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Beverages	Tea/Coffee	See *Purchase Intent Classification* Extension
	1154	1132	Purchase Intent* | Consumer Packaged Goods | Refrigerated Condiments |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Condiments		See *Purchase Intent Classification* Extension
	1155	1154	Purchase Intent* | Consumer Packaged Goods | Dips |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Condiments	Dips	See *Purchase Intent Classification* Extension
	1156	1154	Purchase Intent* | Consumer Packaged Goods | Other Condiments |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Condiments	Other Condiments	See *Purchase Intent Classification* Extension
	1157	1154	Purchase Intent* | Consumer Packaged Goods | Pickles/Relish |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Condiments	Pickles/Relish	See *Purchase Intent Classification* Extension
	1158	1154	Purchase Intent* | Consumer Packaged Goods | Salad Dressing |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Condiments	Salad Dressing	See *Purchase Intent Classification* Extension
	1159	1154	Purchase Intent* | Consumer Packaged Goods | Spreads |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Condiments	Spreads	See *Purchase Intent Classification* Extension
	1160	1132	Purchase Intent* | Consumer Packaged Goods | Refrigerated Desserts |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Desserts		See *Purchase Intent Classification* Extension
	1161	1160	Purchase Intent* | Consumer Packaged Goods | Cheesecakes |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Desserts	Cheesecakes	See *Purchase Intent Classification* Extension
	1162	1160	Purchase Intent* | Consumer Packaged Goods | Desserts |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Desserts	Desserts	See *Purchase Intent Classification* Extension
	1163	1132	Purchase Intent* | Consumer Packaged Goods | Refrigerated Dough |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Dough		See *Purchase Intent Classification* Extension
	1164	1163	Purchase Intent* | Consumer Packaged Goods | Dough/Biscuit Dough |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Dough	Dough/Biscuit Dough	See *Purchase Intent Classification* Extension
	1165	1163	Purchase Intent* | Consumer Packaged Goods | Pizza |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Dough	Pizza	See *Purchase Intent Classification* Extension
	1166	1132	Purchase Intent* | Consumer Packaged Goods | Refrigerated Meals |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Meals		See *Purchase Intent Classification* Extension
	1167	1166	Purchase Intent* | Consumer Packaged Goods | Entrees |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Meals	Entrees	See *Purchase Intent Classification* Extension
	1168	1166	Purchase Intent* | Consumer Packaged Goods | Lunches |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Meals	Lunches	See *Purchase Intent Classification* Extension
	1169	1166	Purchase Intent* | Consumer Packaged Goods | Meat Pies |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Meals	Meat Pies	See *Purchase Intent Classification* Extension
	1170	1166	Purchase Intent* | Consumer Packaged Goods | Pasta |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Meals	Pasta	See *Purchase Intent Classification* Extension
	1171	1166	Purchase Intent* | Consumer Packaged Goods | Side Dishes |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Meals	Side Dishes	See *Purchase Intent Classification* Extension
	1172	1166	Purchase Intent* | Consumer Packaged Goods | Breakfast Meats |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Meats	Breakfast Meats	See *Purchase Intent Classification* Extension
	1173	1166	Purchase Intent* | Consumer Packaged Goods | Dinner Sausage |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Meats	Dinner Sausage	See *Purchase Intent Classification* Extension
	1174	1166	Purchase Intent* | Consumer Packaged Goods | Frankfurters |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Meats	Frankfurters	See *Purchase Intent Classification* Extension
	1175	1166	Purchase Intent* | Consumer Packaged Goods | Ham |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Meats	Ham	See *Purchase Intent Classification* Extension
	1176	1166	Purchase Intent* | Consumer Packaged Goods | Luncheon Meats |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Meats	Luncheon Meats	See *Purchase Intent Classification* Extension
	1177	1166	Purchase Intent* | Consumer Packaged Goods | Meat |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Meats	Meat	See *Purchase Intent Classification* Extension
	1178	1166	Purchase Intent* | Consumer Packaged Goods | Seafood |	Purchase Intent*	Consumer Packaged Goods	Edible	Refrigerated	Refrigerated Meats	Seafood	See *Purchase Intent Classification* Extension
	1179	972	Purchase Intent* | Consumer Packaged Goods | Non-edible |	Purchase Intent*	Consumer Packaged Goods	Non-edible				See *Purchase Intent Classification* Extension
	1180	1179	Purchase Intent* | Consumer Packaged Goods | Beauty |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty			See *Purchase Intent Classification* Extension
	1181	1180	Purchase Intent* | Consumer Packaged Goods | Cosmetics |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Cosmetics		See *Purchase Intent Classification* Extension
	1182	1181	Purchase Intent* | Consumer Packaged Goods | Storage |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Cosmetics	Storage	See *Purchase Intent Classification* Extension
	1183	1181	Purchase Intent* | Consumer Packaged Goods | Eye |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Cosmetics	Eye	See *Purchase Intent Classification* Extension
	1184	1181	Purchase Intent* | Consumer Packaged Goods | Facial |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Cosmetics	Facial	See *Purchase Intent Classification* Extension
	1185	1181	Purchase Intent* | Consumer Packaged Goods | Lip |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Cosmetics	Lip	See *Purchase Intent Classification* Extension
	1186	1181	Purchase Intent* | Consumer Packaged Goods | Cosmetics-Nail |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Cosmetics	Cosmetics-Nail	See *Purchase Intent Classification* Extension
	1187	1181	Purchase Intent* | Consumer Packaged Goods | Cosmetics Accessories |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Cosmetics	Cosmetics Accessories	See *Purchase Intent Classification* Extension
	1188	1180	Purchase Intent* | Consumer Packaged Goods | Fragrance |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Fragrance		See *Purchase Intent Classification* Extension
	1189	1188	Purchase Intent* | Consumer Packaged Goods | Fragrances - Women's |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Fragrance	Fragrances - Women's	See *Purchase Intent Classification* Extension
	1190	1188	Purchase Intent* | Consumer Packaged Goods | Shaving Lotion/Men's Fragrance |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Fragrance	Shaving Lotion/Men's Fragrance	See *Purchase Intent Classification* Extension
	1191	1180	Purchase Intent* | Consumer Packaged Goods | Grooming Supplies |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Grooming Supplies		See *Purchase Intent Classification* Extension
	1192	1191	Purchase Intent* | Consumer Packaged Goods | Cotton Balls/Swabs |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Grooming Supplies	Cotton Balls/Swabs	See *Purchase Intent Classification* Extension
	1193	1191	Purchase Intent* | Consumer Packaged Goods | Electric Shaver Groomer |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Grooming Supplies	Electric Shaver Groomer	See *Purchase Intent Classification* Extension
	1194	1191	Purchase Intent* | Consumer Packaged Goods | Hair Appliances |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Grooming Supplies	Hair Appliances	See *Purchase Intent Classification* Extension
	1195	1191	Purchase Intent* | Consumer Packaged Goods | Other Grooming Supplies |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Grooming Supplies	Other Grooming Supplies	See *Purchase Intent Classification* Extension
	1196	1180	Purchase Intent* | Consumer Packaged Goods | Hair Care |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Hair Care		See *Purchase Intent Classification* Extension
	1197	1196	Purchase Intent* | Consumer Packaged Goods | Hair Accessories |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Hair Care	Hair Accessories	See *Purchase Intent Classification* Extension
	1198	1196	Purchase Intent* | Consumer Packaged Goods | Hair Coloring |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Hair Care	Hair Coloring	See *Purchase Intent Classification* Extension
	1199	1196	Purchase Intent* | Consumer Packaged Goods | Hair Conditioner |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Hair Care	Hair Conditioner	See *Purchase Intent Classification* Extension
	1200	1196	Purchase Intent* | Consumer Packaged Goods | Hair Growth Products |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Hair Care	Hair Growth Products	See *Purchase Intent Classification* Extension
	1201	1196	Purchase Intent* | Consumer Packaged Goods | Hair Spray/Spritz |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Hair Care	Hair Spray/Spritz	See *Purchase Intent Classification* Extension
	1202	1196	Purchase Intent* | Consumer Packaged Goods | Hair Styling Gel/Mousse |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Hair Care	Hair Styling Gel/Mousse	See *Purchase Intent Classification* Extension
	1203	1196	Purchase Intent* | Consumer Packaged Goods | Home Permanent/Relaxer Kits |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Hair Care	Home Permanent/Relaxer Kits	See *Purchase Intent Classification* Extension
	1204	1196	Purchase Intent* | Consumer Packaged Goods | Shampoo |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Hair Care	Shampoo	See *Purchase Intent Classification* Extension
	1205	1180	Purchase Intent* | Consumer Packaged Goods | Personal Cleansing |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Personal Cleansing		See *Purchase Intent Classification* Extension
	1206	1205	Purchase Intent* | Consumer Packaged Goods | Bath Products |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Personal Cleansing	Bath Products	See *Purchase Intent Classification* Extension
	1207	1205	Purchase Intent* | Consumer Packaged Goods | Bath/Body Scrubbers/Massagers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Personal Cleansing	Bath/Body Scrubbers/Massagers	See *Purchase Intent Classification* Extension
	1208	1205	Purchase Intent* | Consumer Packaged Goods | Deodorant |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Personal Cleansing	Deodorant	See *Purchase Intent Classification* Extension
	1209	1205	Purchase Intent* | Consumer Packaged Goods | Moist Towelettes |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Personal Cleansing	Moist Towelettes	See *Purchase Intent Classification* Extension
	1210	1205	Purchase Intent* | Consumer Packaged Goods | Soap |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Personal Cleansing	Soap	See *Purchase Intent Classification* Extension
	1211	1180	Purchase Intent* | Consumer Packaged Goods | Shaving |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Shaving		See *Purchase Intent Classification* Extension
	1212	1211	Purchase Intent* | Consumer Packaged Goods | Blades |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Shaving	Blades	See *Purchase Intent Classification* Extension
	1213	1211	Purchase Intent* | Consumer Packaged Goods | Razors |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Shaving	Razors	See *Purchase Intent Classification* Extension
	1214	1211	Purchase Intent* | Consumer Packaged Goods | Shaving Cream |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Shaving	Shaving Cream	See *Purchase Intent Classification* Extension
	1215	1180	Purchase Intent* | Consumer Packaged Goods | Skin Care |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Skin Care		See *Purchase Intent Classification* Extension
	1216	1215	Purchase Intent* | Consumer Packaged Goods | Hand & Body Lotion |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Skin Care	Hand & Body Lotion	See *Purchase Intent Classification* Extension
	1217	1215	Purchase Intent* | Consumer Packaged Goods | Skin Care |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Skin Care	Skin Care	See *Purchase Intent Classification* Extension
	1218	1215	Purchase Intent* | Consumer Packaged Goods | Suntan Products |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Beauty	Skin Care	Suntan Products	See *Purchase Intent Classification* Extension
	1219	1179	Purchase Intent* | Consumer Packaged Goods | General Merchandise |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise			See *Purchase Intent Classification* Extension
	1220	1219	Purchase Intent* | Consumer Packaged Goods | Automotive |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Automotive		See *Purchase Intent Classification* Extension
	1221	1220	Purchase Intent* | Consumer Packaged Goods | Automobile Fluids/Antifreeze |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Automotive	Automobile Fluids/Antifreeze	See *Purchase Intent Classification* Extension
	1222	1220	Purchase Intent* | Consumer Packaged Goods | Automobile Waxes/Polishes |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Automotive	Automobile Waxes/Polishes	See *Purchase Intent Classification* Extension
	1223	1220	Purchase Intent* | Consumer Packaged Goods | Motor Oil |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Automotive	Motor Oil	See *Purchase Intent Classification* Extension
	1224	1219	Purchase Intent* | Consumer Packaged Goods | Barbeque |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Barbeque		See *Purchase Intent Classification* Extension
	1225	1224	Purchase Intent* | Consumer Packaged Goods | Charcoal |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Barbeque	Charcoal	See *Purchase Intent Classification* Extension
	1226	1224	Purchase Intent* | Consumer Packaged Goods | Charcoal Lighter Fluids |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Barbeque	Charcoal Lighter Fluids	See *Purchase Intent Classification* Extension
	1227	1219	Purchase Intent* | Consumer Packaged Goods | Disposable Tableware |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Disposable Tableware		See *Purchase Intent Classification* Extension
	1228	1227	Purchase Intent* | Consumer Packaged Goods | Cups & Plates |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Disposable Tableware	Cups & Plates	See *Purchase Intent Classification* Extension
	1229	1227	Purchase Intent* | Consumer Packaged Goods | Disposable Tableware |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Disposable Tableware	Disposable Tableware	See *Purchase Intent Classification* Extension
	1230	1219	Purchase Intent* | Consumer Packaged Goods | Electronics/Photography |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Electronics/Photography		See *Purchase Intent Classification* Extension
	1231	1230	Purchase Intent* | Consumer Packaged Goods | Batteries |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Electronics/Photography	Batteries	See *Purchase Intent Classification* Extension
	1232	1230	Purchase Intent* | Consumer Packaged Goods | Blank Audio/Video Media |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Electronics/Photography	Blank Audio/Video Media	See *Purchase Intent Classification* Extension
	1233	1230	Purchase Intent* | Consumer Packaged Goods | Photography Supplies |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Electronics/Photography	Photography Supplies	See *Purchase Intent Classification* Extension
	1234	1219	Purchase Intent* | Consumer Packaged Goods | Foils, Wraps, & Bags |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Foils, Wraps, & Bags		See *Purchase Intent Classification* Extension
	1235	1234	Purchase Intent* | Consumer Packaged Goods | Foil Pans |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Foils, Wraps, & Bags	Foil Pans	See *Purchase Intent Classification* Extension
	1236	1234	Purchase Intent* | Consumer Packaged Goods | Foils & Wraps |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Foils, Wraps, & Bags	Foils & Wraps	See *Purchase Intent Classification* Extension
	1237	1234	Purchase Intent* | Consumer Packaged Goods | Food & Trash Bags |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Foils, Wraps, & Bags	Food & Trash Bags	See *Purchase Intent Classification* Extension
	1238	1219	Purchase Intent* | Consumer Packaged Goods | Hosiery |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Hosiery		See *Purchase Intent Classification* Extension
	1239	1238	Purchase Intent* | Consumer Packaged Goods | Pantyhose/Nylons |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Hosiery	Pantyhose/Nylons	See *Purchase Intent Classification* Extension
	1240	1238	Purchase Intent* | Consumer Packaged Goods | Socks |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Hosiery	Socks	See *Purchase Intent Classification* Extension
	1241	1238	Purchase Intent* | Consumer Packaged Goods | Tights |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Hosiery	Tights	See *Purchase Intent Classification* Extension
	1242	1219	Purchase Intent* | Consumer Packaged Goods | Household/Plastics/Storage |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Household/Plastics/Storage		See *Purchase Intent Classification* Extension
	1243	1242	Purchase Intent* | Consumer Packaged Goods | Bottles |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Household/Plastics/Storage	Bottles	See *Purchase Intent Classification* Extension
	1244	1242	Purchase Intent* | Consumer Packaged Goods | Drinkware |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Household/Plastics/Storage	Drinkware	See *Purchase Intent Classification* Extension
	1245	1242	Purchase Intent* | Consumer Packaged Goods | Household Plastics |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Household/Plastics/Storage	Household Plastics	See *Purchase Intent Classification* Extension
	1246	1242	Purchase Intent* | Consumer Packaged Goods | Kitchen Storage |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Household/Plastics/Storage	Kitchen Storage	See *Purchase Intent Classification* Extension
	1247	1242	Purchase Intent* | Consumer Packaged Goods | Soap Dishes |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Household/Plastics/Storage	Soap Dishes	See *Purchase Intent Classification* Extension
	1248	1219	Purchase Intent* | Consumer Packaged Goods | Miscellaneous General Merch |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch		See *Purchase Intent Classification* Extension
	1249	1248	Purchase Intent* | Consumer Packaged Goods | Candles |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Candles	See *Purchase Intent Classification* Extension
	1250	1248	Purchase Intent* | Consumer Packaged Goods | Cloth Dye |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Cloth Dye	See *Purchase Intent Classification* Extension
	1251	1248	Purchase Intent* | Consumer Packaged Goods | Culinary |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Culinary	See *Purchase Intent Classification* Extension
	1252	1248	Purchase Intent* | Consumer Packaged Goods | Firelog/Firestarter/Firewood |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Firelog/Firestarter/Firewood	See *Purchase Intent Classification* Extension
	1253	1248	Purchase Intent* | Consumer Packaged Goods | Flashlights |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Flashlights	See *Purchase Intent Classification* Extension
	1254	1248	Purchase Intent* | Consumer Packaged Goods | Frozen & Dry Ice |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Frozen & Dry Ice	See *Purchase Intent Classification* Extension
	1255	1248	Purchase Intent* | Consumer Packaged Goods | Gloves |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Gloves	See *Purchase Intent Classification* Extension
	1256	1248	Purchase Intent* | Consumer Packaged Goods | Household Lubricants |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Household Lubricants	See *Purchase Intent Classification* Extension
	1257	1248	Purchase Intent* | Consumer Packaged Goods | Ice Substitute |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Ice Substitute	See *Purchase Intent Classification* Extension
	1258	1248	Purchase Intent* | Consumer Packaged Goods | Light Bulbs |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Light Bulbs	See *Purchase Intent Classification* Extension
	1259	1248	Purchase Intent* | Consumer Packaged Goods | Lighters |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Lighters	See *Purchase Intent Classification* Extension
	1260	1248	Purchase Intent* | Consumer Packaged Goods | Matches |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Matches	See *Purchase Intent Classification* Extension
	1261	1248	Purchase Intent* | Consumer Packaged Goods | Outdoor/Lawn Fertilizer/Weed Killer |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Outdoor/Lawn Fertilizer/Weed Killer	See *Purchase Intent Classification* Extension
	1262	1248	Purchase Intent* | Consumer Packaged Goods | Playing Cards |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Playing Cards	See *Purchase Intent Classification* Extension
	1263	1248	Purchase Intent* | Consumer Packaged Goods | Pool/Spa Chemicals |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Pool/Spa Chemicals	See *Purchase Intent Classification* Extension
	1264	1248	Purchase Intent* | Consumer Packaged Goods | Shoe Polish & Accessories |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Shoe Polish & Accessories	See *Purchase Intent Classification* Extension
	1265	1248	Purchase Intent* | Consumer Packaged Goods | Vacuum Bags/Belts |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Miscellaneous General Merch	Vacuum Bags/Belts	See *Purchase Intent Classification* Extension
	1266	1219	Purchase Intent* | Consumer Packaged Goods | Office/School Supplies |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Office/School Supplies		See *Purchase Intent Classification* Extension
	1267	1266	Purchase Intent* | Consumer Packaged Goods | Children's Art Supplies |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Office/School Supplies	Children's Art Supplies	See *Purchase Intent Classification* Extension
	1268	1266	Purchase Intent* | Consumer Packaged Goods | Computer Disks Frmtd/UnFrmtd |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Office/School Supplies	Computer Disks Frmtd/UnFrmtd	See *Purchase Intent Classification* Extension
	1269	1266	Purchase Intent* | Consumer Packaged Goods | Office Products |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Office/School Supplies	Office Products	See *Purchase Intent Classification* Extension
	1270	1266	Purchase Intent* | Consumer Packaged Goods | Writing Instruments |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Office/School Supplies	Writing Instruments	See *Purchase Intent Classification* Extension
	1271	1219	Purchase Intent* | Consumer Packaged Goods | Paper Products |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Paper Products		See *Purchase Intent Classification* Extension
	1272	1271	Purchase Intent* | Consumer Packaged Goods | Facial Tissue |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Paper Products	Facial Tissue	See *Purchase Intent Classification* Extension
	1273	1271	Purchase Intent* | Consumer Packaged Goods | Paper Napkins |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Paper Products	Paper Napkins	See *Purchase Intent Classification* Extension
	1274	1271	Purchase Intent* | Consumer Packaged Goods | Paper Towels |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Paper Products	Paper Towels	See *Purchase Intent Classification* Extension
	1275	1271	Purchase Intent* | Consumer Packaged Goods | Toilet Tissue |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Paper Products	Toilet Tissue	See *Purchase Intent Classification* Extension
	1276	1219	Purchase Intent* | Consumer Packaged Goods | Pest Control |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Pest Control		See *Purchase Intent Classification* Extension
	1277	1276	Purchase Intent* | Consumer Packaged Goods | Outdoor Insect/Rodent Control Chem |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Pest Control	Outdoor Insect/Rodent Control Chem	See *Purchase Intent Classification* Extension
	1278	1276	Purchase Intent* | Consumer Packaged Goods | Pest Control |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Pest Control	Pest Control	See *Purchase Intent Classification* Extension
	1279	1219	Purchase Intent* | Consumer Packaged Goods | Pet Care |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Pet Care		See *Purchase Intent Classification* Extension
	1280	1279	Purchase Intent* | Consumer Packaged Goods | Cat/Dog Litter |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Pet Care	Cat/Dog Litter	See *Purchase Intent Classification* Extension
	1281	1279	Purchase Intent* | Consumer Packaged Goods | Pet Food |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Pet Care	Pet Food	See *Purchase Intent Classification* Extension
	1282	1279	Purchase Intent* | Consumer Packaged Goods | Pet Supplies |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Pet Care	Pet Supplies	See *Purchase Intent Classification* Extension
	1283	1279	Purchase Intent* | Consumer Packaged Goods | Pet Treats |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Pet Care	Pet Treats	See *Purchase Intent Classification* Extension
	1284	1219	Purchase Intent* | Consumer Packaged Goods | Water Treatment |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Water Treatment		See *Purchase Intent Classification* Extension
	1285	1284	Purchase Intent* | Consumer Packaged Goods | Water Filter/Devices |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Water Treatment	Water Filter/Devices	See *Purchase Intent Classification* Extension
	1286	1284	Purchase Intent* | Consumer Packaged Goods | Water Softeners/Treatment |	Purchase Intent*	Consumer Packaged Goods	Non-edible	General Merchandise	Water Treatment	Water Softeners/Treatment	See *Purchase Intent Classification* Extension
	1287	1179	Purchase Intent* | Consumer Packaged Goods | Household Appliances |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances			See *Purchase Intent Classification* Extension
	1288	1287	Purchase Intent* | Consumer Packaged Goods | Air Conditioners |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Air Conditioners		See *Purchase Intent Classification* Extension
	1289	1287	Purchase Intent* | Consumer Packaged Goods | Air Purifiers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Air Purifiers		See *Purchase Intent Classification* Extension
	1290	1287	Purchase Intent* | Consumer Packaged Goods | Blenders |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Blenders		See *Purchase Intent Classification* Extension
	1291	1287	Purchase Intent* | Consumer Packaged Goods | Breadmakers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Breadmakers		See *Purchase Intent Classification* Extension
	1292	1287	Purchase Intent* | Consumer Packaged Goods | Coffee Grinders |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Coffee Grinders		See *Purchase Intent Classification* Extension
	1293	1287	Purchase Intent* | Consumer Packaged Goods | Coffee Makers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Coffee Makers		See *Purchase Intent Classification* Extension
	1294	1287	Purchase Intent* | Consumer Packaged Goods | Deep Fryers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Deep Fryers		See *Purchase Intent Classification* Extension
	1295	1287	Purchase Intent* | Consumer Packaged Goods | Dehumidifiers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Dehumidifiers		See *Purchase Intent Classification* Extension
	1296	1287	Purchase Intent* | Consumer Packaged Goods | Dishwashers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Dishwashers		See *Purchase Intent Classification* Extension
	1297	1287	Purchase Intent* | Consumer Packaged Goods | Espresso Machines |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Espresso Machines		See *Purchase Intent Classification* Extension
	1298	1287	Purchase Intent* | Consumer Packaged Goods | Fans |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Fans		See *Purchase Intent Classification* Extension
	1299	1287	Purchase Intent* | Consumer Packaged Goods | Food Processors |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Food Processors		See *Purchase Intent Classification* Extension
	1300	1287	Purchase Intent* | Consumer Packaged Goods | Freezers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Freezers		See *Purchase Intent Classification* Extension
	1301	1287	Purchase Intent* | Consumer Packaged Goods | Heaters |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Heaters		See *Purchase Intent Classification* Extension
	1302	1287	Purchase Intent* | Consumer Packaged Goods | Humidifiers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Humidifiers		See *Purchase Intent Classification* Extension
	1303	1287	Purchase Intent* | Consumer Packaged Goods | Ice Cream Makers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Ice Cream Makers		See *Purchase Intent Classification* Extension
	1304	1287	Purchase Intent* | Consumer Packaged Goods | Juicers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Juicers		See *Purchase Intent Classification* Extension
	1305	1287	Purchase Intent* | Consumer Packaged Goods | Microwave Ovens |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Microwave Ovens		See *Purchase Intent Classification* Extension
	1306	1287	Purchase Intent* | Consumer Packaged Goods | Mixers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Mixers		See *Purchase Intent Classification* Extension
	1307	1287	Purchase Intent* | Consumer Packaged Goods | Ovens |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Ovens		See *Purchase Intent Classification* Extension
	1308	1287	Purchase Intent* | Consumer Packaged Goods | Ranges |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Ranges		See *Purchase Intent Classification* Extension
	1309	1287	Purchase Intent* | Consumer Packaged Goods | Refrigerators |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Refrigerators		See *Purchase Intent Classification* Extension
	1310	1287	Purchase Intent* | Consumer Packaged Goods | Sandwich Makers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Sandwich Makers		See *Purchase Intent Classification* Extension
	1311	1287	Purchase Intent* | Consumer Packaged Goods | Tea Kettles |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Tea Kettles		See *Purchase Intent Classification* Extension
	1312	1287	Purchase Intent* | Consumer Packaged Goods | Toasters |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Toasters		See *Purchase Intent Classification* Extension
	1313	1287	Purchase Intent* | Consumer Packaged Goods | Vacuums |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Vacuums		See *Purchase Intent Classification* Extension
	1314	1287	Purchase Intent* | Consumer Packaged Goods | Washers and Dryers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Household Appliances	Washers and Dryers		See *Purchase Intent Classification* Extension
	1315	1179	Purchase Intent* | Consumer Packaged Goods | Home Care |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care			See *Purchase Intent Classification* Extension
	1316	1315	Purchase Intent* | Consumer Packaged Goods | Air Fresheners |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Air Fresheners		See *Purchase Intent Classification* Extension
	1317	1315	Purchase Intent* | Consumer Packaged Goods | Household Cleaning |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Household Cleaning		See *Purchase Intent Classification* Extension
	1318	1317	Purchase Intent* | Consumer Packaged Goods | Cleaning Tools/Mops/Brooms |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Household Cleaning	Cleaning Tools/Mops/Brooms	See *Purchase Intent Classification* Extension
	1319	1317	Purchase Intent* | Consumer Packaged Goods | Dish Detergent |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Household Cleaning	Dish Detergent	See *Purchase Intent Classification* Extension
	1320	1317	Purchase Intent* | Consumer Packaged Goods | Floor Cleaners/Wax Removers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Household Cleaning	Floor Cleaners/Wax Removers	See *Purchase Intent Classification* Extension
	1321	1317	Purchase Intent* | Consumer Packaged Goods | Furniture Polish |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Household Cleaning	Furniture Polish	See *Purchase Intent Classification* Extension
	1322	1317	Purchase Intent* | Consumer Packaged Goods | Household Cleaner |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Household Cleaning	Household Cleaner	See *Purchase Intent Classification* Extension
	1323	1317	Purchase Intent* | Consumer Packaged Goods | Household Cleaner Cloths |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Household Cleaning	Household Cleaner Cloths	See *Purchase Intent Classification* Extension
	1324	1317	Purchase Intent* | Consumer Packaged Goods | Multi Task Sheets |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Household Cleaning	Multi Task Sheets	See *Purchase Intent Classification* Extension
	1325	1317	Purchase Intent* | Consumer Packaged Goods | Rug/Upholstery/Fabric Treatment |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Household Cleaning	Rug/Upholstery/Fabric Treatment	See *Purchase Intent Classification* Extension
	1326	1317	Purchase Intent* | Consumer Packaged Goods | Sponges & Scouring Pads |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Household Cleaning	Sponges & Scouring Pads	See *Purchase Intent Classification* Extension
	1327	1315	Purchase Intent* | Consumer Packaged Goods | Laundry |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Laundry		See *Purchase Intent Classification* Extension
	1328	1327	Purchase Intent* | Consumer Packaged Goods | Bleach |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Laundry	Bleach	See *Purchase Intent Classification* Extension
	1329	1327	Purchase Intent* | Consumer Packaged Goods | Fabric Softener |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Laundry	Fabric Softener	See *Purchase Intent Classification* Extension
	1330	1327	Purchase Intent* | Consumer Packaged Goods | Laundry Care |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Laundry	Laundry Care	See *Purchase Intent Classification* Extension
	1331	1327	Purchase Intent* | Consumer Packaged Goods | Laundry Detergent |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home Care	Laundry	Laundry Detergent	See *Purchase Intent Classification* Extension
	1332	1179	Purchase Intent* | Consumer Packaged Goods | Home and Garden Products |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home and Garden Products			See *Purchase Intent Classification* Extension
	1333	1332	Purchase Intent* | Consumer Packaged Goods | Bathroom Accessories |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home and Garden Products	Bathroom Accessories		See *Purchase Intent Classification* Extension
	1334	1332	Purchase Intent* | Consumer Packaged Goods | Home Decor |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home and Garden Products	Home Decor		See *Purchase Intent Classification* Extension
	1335	1332	Purchase Intent* | Consumer Packaged Goods | Bedroom Furniture and Accessories |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home and Garden Products	Bedroom Furniture and Accessories		See *Purchase Intent Classification* Extension
	1336	1332	Purchase Intent* | Consumer Packaged Goods | Fireplaces |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home and Garden Products	Fireplaces		See *Purchase Intent Classification* Extension
	1337	1332	Purchase Intent* | Consumer Packaged Goods | Kitchen and Dining Products |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home and Garden Products	Kitchen and Dining Products		See *Purchase Intent Classification* Extension
	1338	1332	Purchase Intent* | Consumer Packaged Goods | Lawn and Garden Products |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home and Garden Products	Lawn and Garden Products		See *Purchase Intent Classification* Extension
	1339	1332	Purchase Intent* | Consumer Packaged Goods | Lighting |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home and Garden Products	Lighting		See *Purchase Intent Classification* Extension
	1340	1332	Purchase Intent* | Consumer Packaged Goods | Linens and Bedding |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home and Garden Products	Linens and Bedding		See *Purchase Intent Classification* Extension
	1341	1332	Purchase Intent* | Consumer Packaged Goods | Plants |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home and Garden Products	Plants		See *Purchase Intent Classification* Extension
	1342	1332	Purchase Intent* | Consumer Packaged Goods | Housewares |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home and Garden Products	Housewares		See *Purchase Intent Classification* Extension
	1343	1332	Purchase Intent* | Consumer Packaged Goods | Carpets and Rugs |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Home and Garden Products	Carpets and Rugs		See *Purchase Intent Classification* Extension
	1344	1179	Purchase Intent* | Consumer Packaged Goods | Religious Items |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Religious Items			See *Purchase Intent Classification* Extension
	1345	1179	Purchase Intent* | Consumer Packaged Goods | Back to School Supplies |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Back to School Supplies			See *Purchase Intent Classification* Extension
	1346	1179	Purchase Intent* | Consumer Packaged Goods | Baby and Toddler Products |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Baby and Toddler Products			See *Purchase Intent Classification* Extension
	1347	1346	Purchase Intent* | Consumer Packaged Goods | Baby Bath and Potty Products |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Baby and Toddler Products	Baby Bath and Potty Products		See *Purchase Intent Classification* Extension
	1348	1346	Purchase Intent* | Consumer Packaged Goods | Baby Gift Sets |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Baby and Toddler Products	Baby Gift Sets		See *Purchase Intent Classification* Extension
	1349	1346	Purchase Intent* | Consumer Packaged Goods | Baby Toys and Activity Equipment |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Baby and Toddler Products	Baby Toys and Activity Equipment		See *Purchase Intent Classification* Extension
	1350	1346	Purchase Intent* | Consumer Packaged Goods | Diapers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Baby and Toddler Products	Diapers		See *Purchase Intent Classification* Extension
	1351	1346	Purchase Intent* | Consumer Packaged Goods | Baby Safety Products |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Baby and Toddler Products	Baby Safety Products		See *Purchase Intent Classification* Extension
	1352	1346	Purchase Intent* | Consumer Packaged Goods | Nursing and Feeding Products |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Baby and Toddler Products	Nursing and Feeding Products		See *Purchase Intent Classification* Extension
	1353	1346	Purchase Intent* | Consumer Packaged Goods | Baby Bouncers and Rockers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Baby and Toddler Products	Baby Bouncers and Rockers		See *Purchase Intent Classification* Extension
	1354	1346	Purchase Intent* | Consumer Packaged Goods | Baby Carriers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Baby and Toddler Products	Baby Carriers		See *Purchase Intent Classification* Extension
	1355	1346	Purchase Intent* | Consumer Packaged Goods | High Chairs and Boosters |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Baby and Toddler Products	High Chairs and Boosters		See *Purchase Intent Classification* Extension
	1356	1346	Purchase Intent* | Consumer Packaged Goods | Strollers and Joggers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Baby and Toddler Products	Strollers and Joggers		See *Purchase Intent Classification* Extension
	1357	1179	Purchase Intent* | Consumer Packaged Goods | Media |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Media			See *Purchase Intent Classification* Extension
	1358	1357	Purchase Intent* | Consumer Packaged Goods | Magazines and Newspapers |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Media	Magazines and Newspapers		See *Purchase Intent Classification* Extension
	1359	1357	Purchase Intent* | Consumer Packaged Goods | DVDs |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Media	DVDs		See *Purchase Intent Classification* Extension
	1360	1357	Purchase Intent* | Consumer Packaged Goods | Books and Audio Books |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Media	Books and Audio Books		See *Purchase Intent Classification* Extension
	1361	1357	Purchase Intent* | Consumer Packaged Goods | CDs and Vinyl Records |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Media	CDs and Vinyl Records		See *Purchase Intent Classification* Extension
	1362	1179	Purchase Intent* | Consumer Packaged Goods | Toys and Games |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Toys and Games			See *Purchase Intent Classification* Extension
	1363	1362	Purchase Intent* | Consumer Packaged Goods | Games |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Toys and Games	Games		See *Purchase Intent Classification* Extension
	1364	1362	Purchase Intent* | Consumer Packaged Goods | Outdoor Play Equipment |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Toys and Games	Outdoor Play Equipment		See *Purchase Intent Classification* Extension
	1365	1362	Purchase Intent* | Consumer Packaged Goods | Puzzles |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Toys and Games	Puzzles		See *Purchase Intent Classification* Extension
	1366	1362	Purchase Intent* | Consumer Packaged Goods | Toys |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Toys and Games	Toys		See *Purchase Intent Classification* Extension
	1367	1179	Purchase Intent* | Consumer Packaged Goods | Luggage and Bags |	Purchase Intent*	Consumer Packaged Goods	Non-edible	Luggage and Bags			See *Purchase Intent Classification* Extension
	1368	752	Purchase Intent* | Education and Careers	Purchase Intent*	Education and Careers					See *Purchase Intent Classification* Extension
	1369	1368	Purchase Intent* | Education and Careers | Adult Education |	Purchase Intent*	Education and Careers	Adult Education				See *Purchase Intent Classification* Extension
	1370	1368	Purchase Intent* | Education and Careers | Career Improvement and Advice |	Purchase Intent*	Education and Careers	Career Improvement and Advice				See *Purchase Intent Classification* Extension
	1371	1368	Purchase Intent* | Education and Careers | Colleges and Universities |	Purchase Intent*	Education and Careers	Colleges and Universities				See *Purchase Intent Classification* Extension
	1372	1368	Purchase Intent* | Education and Careers | Employment Agencies |	Purchase Intent*	Education and Careers	Employment Agencies				See *Purchase Intent Classification* Extension
	1373	1368	Purchase Intent* | Education and Careers | Language Learning |	Purchase Intent*	Education and Careers	Language Learning				See *Purchase Intent Classification* Extension
	1374	1368	Purchase Intent* | Education and Careers | Online Education |	Purchase Intent*	Education and Careers	Online Education				See *Purchase Intent Classification* Extension
	1375	1368	Purchase Intent* | Education and Careers | Study Skills |	Purchase Intent*	Education and Careers	Study Skills				See *Purchase Intent Classification* Extension
	1376	1368	Purchase Intent* | Education and Careers | Teaching Resources |	Purchase Intent*	Education and Careers	Teaching Resources				See *Purchase Intent Classification* Extension
	1377	752	Purchase Intent* | Family and Parenting	Purchase Intent*	Family and Parenting					See *Purchase Intent Classification* Extension
	1378	1377	Purchase Intent* | Family and Parenting | Childcare |	Purchase Intent*	Family and Parenting	Childcare				See *Purchase Intent Classification* Extension
	1379	1378	Purchase Intent* | Family and Parenting | Childcare | Day Care Centers |	Purchase Intent*	Family and Parenting	Childcare	Day Care Centers			See *Purchase Intent Classification* Extension
	1380	1378	Purchase Intent* | Family and Parenting | Childcare | Nanny Services |	Purchase Intent*	Family and Parenting	Childcare	Nanny Services			See *Purchase Intent Classification* Extension
	1381	1377	Purchase Intent* | Family and Parenting | Genealogy and Family Trees |	Purchase Intent*	Family and Parenting	Genealogy and Family Trees				See *Purchase Intent Classification* Extension
	1382	1377	Purchase Intent* | Family and Parenting | Kids Activities |	Purchase Intent*	Family and Parenting	Kids Activities				See *Purchase Intent Classification* Extension
	1383	752	Purchase Intent* | Finance and Insurance	Purchase Intent*	Finance and Insurance					See *Purchase Intent Classification* Extension
	1384	1383	Purchase Intent* | Finance and Insurance | Accountants |	Purchase Intent*	Finance and Insurance	Accountants				See *Purchase Intent Classification* Extension
	1385	1383	Purchase Intent* | Finance and Insurance | Banking |	Purchase Intent*	Finance and Insurance	Banking				See *Purchase Intent Classification* Extension
	1386	1383	Purchase Intent* | Finance and Insurance | Bookkeepers |	Purchase Intent*	Finance and Insurance	Bookkeepers				See *Purchase Intent Classification* Extension
	1387	1383	Purchase Intent* | Finance and Insurance | Credit and Debt Repair/Credit Reporting |	Purchase Intent*	Finance and Insurance	Credit and Debt Repair/Credit Reporting				See *Purchase Intent Classification* Extension
	1388	1383	Purchase Intent* | Finance and Insurance | Credit Cards |	Purchase Intent*	Finance and Insurance	Credit Cards				See *Purchase Intent Classification* Extension
	1389	1383	Purchase Intent* | Finance and Insurance | Insurance |	Purchase Intent*	Finance and Insurance	Insurance				See *Purchase Intent Classification* Extension
	1390	1389	Purchase Intent* | Finance and Insurance | Auto Insurance |	Purchase Intent*	Finance and Insurance	Insurance	Auto Insurance			See *Purchase Intent Classification* Extension
	1391	1390	Purchase Intent* | Finance and Insurance | Home Insurance |	Purchase Intent*	Finance and Insurance	Insurance	Home Insurance			See *Purchase Intent Classification* Extension
	1392	1390	Purchase Intent* | Finance and Insurance | Life Insurance |	Purchase Intent*	Finance and Insurance	Insurance	Life Insurance			See *Purchase Intent Classification* Extension
	1393	1390	Purchase Intent* | Finance and Insurance | Medical Insurance |	Purchase Intent*	Finance and Insurance	Insurance	Medical Insurance			See *Purchase Intent Classification* Extension
	1394	1383	Purchase Intent* | Finance and Insurance | Mortgage Lenders and Brokers |	Purchase Intent*	Finance and Insurance	Mortgage Lenders and Brokers				See *Purchase Intent Classification* Extension
	1395	1383	Purchase Intent* | Finance and Insurance | Payday and Emergency Loans |	Purchase Intent*	Finance and Insurance	Payday and Emergency Loans				See *Purchase Intent Classification* Extension
	1396	1383	Purchase Intent* | Finance and Insurance | Retirement Planning |	Purchase Intent*	Finance and Insurance	Retirement Planning				See *Purchase Intent Classification* Extension
	1397	1383	Purchase Intent* | Finance and Insurance | Stocks and Investments |	Purchase Intent*	Finance and Insurance	Stocks and Investments				See *Purchase Intent Classification* Extension
	1398	1383	Purchase Intent* | Finance and Insurance | Student Financial Aid |	Purchase Intent*	Finance and Insurance	Student Financial Aid				See *Purchase Intent Classification* Extension
	1399	1383	Purchase Intent* | Finance and Insurance | Tax Preparation Services |	Purchase Intent*	Finance and Insurance	Tax Preparation Services				See *Purchase Intent Classification* Extension
	1400	752	Purchase Intent* | Food and Beverage Services	Purchase Intent*	Food and Beverage Services					See *Purchase Intent Classification* Extension
	1401	1400	Purchase Intent* | Food and Beverage Services | Bakeries |	Purchase Intent*	Food and Beverage Services	Bakeries				See *Purchase Intent Classification* Extension
	1402	1400	Purchase Intent* | Food and Beverage Services | Bars |	Purchase Intent*	Food and Beverage Services	Bars				See *Purchase Intent Classification* Extension
	1403	1400	Purchase Intent* | Food and Beverage Services | Catering |	Purchase Intent*	Food and Beverage Services	Catering				See *Purchase Intent Classification* Extension
	1404	1400	Purchase Intent* | Food and Beverage Services | Fast Food |	Purchase Intent*	Food and Beverage Services	Fast Food				See *Purchase Intent Classification* Extension
	1405	1400	Purchase Intent* | Food and Beverage Services | Food Delivery Services |	Purchase Intent*	Food and Beverage Services	Food Delivery Services				See *Purchase Intent Classification* Extension
	1406	1400	Purchase Intent* | Food and Beverage Services | Restaurants |	Purchase Intent*	Food and Beverage Services	Restaurants				See *Purchase Intent Classification* Extension
	1407	752	Purchase Intent* | Furniture	Purchase Intent*	Furniture					See *Purchase Intent Classification* Extension
	1408	1407	Purchase Intent* | Furniture | Baby and Toddler Furniture |	Purchase Intent*	Furniture	Baby and Toddler Furniture				See *Purchase Intent Classification* Extension
	1409	1407	Purchase Intent* | Furniture | BBQ/Grills/Outdoor Dining |	Purchase Intent*	Furniture	BBQ/Grills/Outdoor Dining				See *Purchase Intent Classification* Extension
	1410	1407	Purchase Intent* | Furniture | Beds and Accessories |	Purchase Intent*	Furniture	Beds and Accessories				See *Purchase Intent Classification* Extension
	1411	1407	Purchase Intent* | Furniture | Benches |	Purchase Intent*	Furniture	Benches				See *Purchase Intent Classification* Extension
	1412	1407	Purchase Intent* | Furniture | Cabinets and Storage |	Purchase Intent*	Furniture	Cabinets and Storage				See *Purchase Intent Classification* Extension
	1413	1407	Purchase Intent* | Furniture | Chairs |	Purchase Intent*	Furniture	Chairs				See *Purchase Intent Classification* Extension
	1414	1407	Purchase Intent* | Furniture | Entertainment Centers and TV Stands |	Purchase Intent*	Furniture	Entertainment Centers and TV Stands				See *Purchase Intent Classification* Extension
	1415	1407	Purchase Intent* | Furniture | Furniture Sets |	Purchase Intent*	Furniture	Furniture Sets				See *Purchase Intent Classification* Extension
	1416	1407	Purchase Intent* | Furniture | Outdoor Furniture |	Purchase Intent*	Furniture	Outdoor Furniture				See *Purchase Intent Classification* Extension
	1417	1407	Purchase Intent* | Furniture | Shelving |	Purchase Intent*	Furniture	Shelving				See *Purchase Intent Classification* Extension
	1418	1407	Purchase Intent* | Furniture | Sofas |	Purchase Intent*	Furniture	Sofas				See *Purchase Intent Classification* Extension
	1419	1407	Purchase Intent* | Furniture | Tables |	Purchase Intent*	Furniture	Tables				See *Purchase Intent Classification* Extension
	1420	752	Purchase Intent* | Gifts and Holiday Items	Purchase Intent*	Gifts and Holiday Items					See *Purchase Intent Classification* Extension
	1421	1420	Purchase Intent* | Gifts and Holiday Items | Flowers |	Purchase Intent*	Gifts and Holiday Items	Flowers				See *Purchase Intent Classification* Extension
	1422	1420	Purchase Intent* | Gifts and Holiday Items | Gift Baskets |	Purchase Intent*	Gifts and Holiday Items	Gift Baskets				See *Purchase Intent Classification* Extension
	1423	1420	Purchase Intent* | Gifts and Holiday Items | Gift Cards and Coupons |	Purchase Intent*	Gifts and Holiday Items	Gift Cards and Coupons				See *Purchase Intent Classification* Extension
	1424	1420	Purchase Intent* | Gifts and Holiday Items | Gift Certificates |	Purchase Intent*	Gifts and Holiday Items	Gift Certificates				See *Purchase Intent Classification* Extension
	1425	1420	Purchase Intent* | Gifts and Holiday Items | Greeting Cards |	Purchase Intent*	Gifts and Holiday Items	Greeting Cards				See *Purchase Intent Classification* Extension
	1426	1420	Purchase Intent* | Gifts and Holiday Items | Holiday and Ethnic Items |	Purchase Intent*	Gifts and Holiday Items	Holiday and Ethnic Items				See *Purchase Intent Classification* Extension
	1427	1420	Purchase Intent* | Gifts and Holiday Items | Party Goods |	Purchase Intent*	Gifts and Holiday Items	Party Goods				See *Purchase Intent Classification* Extension
	1428	752	Purchase Intent* | Hardware Supplies	Purchase Intent*	Hardware Supplies					See *Purchase Intent Classification* Extension
	1429	1428	Purchase Intent* | Hardware Supplies | Agriculture and Farming Equipment |	Purchase Intent*	Hardware Supplies	Agriculture and Farming Equipment				See *Purchase Intent Classification* Extension
	1430	1428	Purchase Intent* | Hardware Supplies | Building Materials |	Purchase Intent*	Hardware Supplies	Building Materials				See *Purchase Intent Classification* Extension
	1431	1428	Purchase Intent* | Hardware Supplies | Building Products |	Purchase Intent*	Hardware Supplies	Building Products				See *Purchase Intent Classification* Extension
	1432	1428	Purchase Intent* | Hardware Supplies | Building Supplies |	Purchase Intent*	Hardware Supplies	Building Supplies				See *Purchase Intent Classification* Extension
	1433	1428	Purchase Intent* | Hardware Supplies | Carpentry Supplies |	Purchase Intent*	Hardware Supplies	Carpentry Supplies				See *Purchase Intent Classification* Extension
	1434	1428	Purchase Intent* | Hardware Supplies | Electrical Equipment |	Purchase Intent*	Hardware Supplies	Electrical Equipment				See *Purchase Intent Classification* Extension
	1435	1428	Purchase Intent* | Hardware Supplies | Fencing and Barriers |	Purchase Intent*	Hardware Supplies	Fencing and Barriers				See *Purchase Intent Classification* Extension
	1436	1428	Purchase Intent* | Hardware Supplies | Fuel Containers and Tanks |	Purchase Intent*	Hardware Supplies	Fuel Containers and Tanks				See *Purchase Intent Classification* Extension
	1437	1428	Purchase Intent* | Hardware Supplies | Hardware Accessories |	Purchase Intent*	Hardware Supplies	Hardware Accessories				See *Purchase Intent Classification* Extension
	1438	1428	Purchase Intent* | Hardware Supplies | Hardware Pumps |	Purchase Intent*	Hardware Supplies	Hardware Pumps				See *Purchase Intent Classification* Extension
	1439	1428	Purchase Intent* | Hardware Supplies | Heating/Ventilation/Air Conditioning |	Purchase Intent*	Hardware Supplies	Heating/Ventilation/Air Conditioning				See *Purchase Intent Classification* Extension
	1440	1428	Purchase Intent* | Hardware Supplies | Locks and Keys |	Purchase Intent*	Hardware Supplies	Locks and Keys				See *Purchase Intent Classification* Extension
	1441	1428	Purchase Intent* | Hardware Supplies | Machinery |	Purchase Intent*	Hardware Supplies	Machinery				See *Purchase Intent Classification* Extension
	1442	1428	Purchase Intent* | Hardware Supplies | Plumbing Supplies |	Purchase Intent*	Hardware Supplies	Plumbing Supplies				See *Purchase Intent Classification* Extension
	1443	1428	Purchase Intent* | Hardware Supplies | Power and Electrical Supplies |	Purchase Intent*	Hardware Supplies	Power and Electrical Supplies				See *Purchase Intent Classification* Extension
	1444	1428	Purchase Intent* | Hardware Supplies | Small Engines |	Purchase Intent*	Hardware Supplies	Small Engines				See *Purchase Intent Classification* Extension
	1445	1428	Purchase Intent* | Hardware Supplies | Storage Tanks |	Purchase Intent*	Hardware Supplies	Storage Tanks				See *Purchase Intent Classification* Extension
	1446	1428	Purchase Intent* | Hardware Supplies | Tools |	Purchase Intent*	Hardware Supplies	Tools				See *Purchase Intent Classification* Extension
	1447	1428	Purchase Intent* | Hardware Supplies | Work Safety Protective Gear |	Purchase Intent*	Hardware Supplies	Work Safety Protective Gear				See *Purchase Intent Classification* Extension
	1448	752	Purchase Intent* | Health and Medical Services	Purchase Intent*	Health and Medical Services					See *Purchase Intent Classification* Extension
	1449	1448	Purchase Intent* | Health and Medical Services | Alternative and Natural Medicine |	Purchase Intent*	Health and Medical Services	Alternative and Natural Medicine				See *Purchase Intent Classification* Extension
	1451	1448	Purchase Intent* | Health and Medical Services | Chiropractors |	Purchase Intent*	Health and Medical Services	Chiropractors				See *Purchase Intent Classification* Extension
	1452	1448	Purchase Intent* | Health and Medical Services | Clinical Research |	Purchase Intent*	Health and Medical Services	Clinical Research				See *Purchase Intent Classification* Extension
	1453	1448	Purchase Intent* | Health and Medical Services | Cosmetic Medical Services |	Purchase Intent*	Health and Medical Services	Cosmetic Medical Services				See *Purchase Intent Classification* Extension
	1454	1448	Purchase Intent* | Health and Medical Services | Dental Care |	Purchase Intent*	Health and Medical Services	Dental Care				See *Purchase Intent Classification* Extension
	1455	1448	Purchase Intent* | Health and Medical Services | Drugstores and Pharmacies |	Purchase Intent*	Health and Medical Services	Drugstores and Pharmacies				See *Purchase Intent Classification* Extension
	1456	1448	Purchase Intent* | Health and Medical Services | Elder Care |	Purchase Intent*	Health and Medical Services	Elder Care				See *Purchase Intent Classification* Extension
	1458	1448	Purchase Intent* | Health and Medical Services | Hair Loss Treatments |	Purchase Intent*	Health and Medical Services	Hair Loss Treatments				See *Purchase Intent Classification* Extension
	1459	1448	Purchase Intent* | Health and Medical Services | Health Care and Physicians |	Purchase Intent*	Health and Medical Services	Health Care and Physicians				See *Purchase Intent Classification* Extension
	1460	1448	Purchase Intent* | Health and Medical Services | Health Services |	Purchase Intent*	Health and Medical Services	Health Services				See *Purchase Intent Classification* Extension
	1461	1448	Purchase Intent* | Health and Medical Services | Hospitals |	Purchase Intent*	Health and Medical Services	Hospitals				See *Purchase Intent Classification* Extension
	1462	1448	Purchase Intent* | Health and Medical Services | Massage Therapists |	Purchase Intent*	Health and Medical Services	Massage Therapists				See *Purchase Intent Classification* Extension
	1465	1448	Purchase Intent* | Health and Medical Services | Physical Therapists |	Purchase Intent*	Health and Medical Services	Physical Therapists				See *Purchase Intent Classification* Extension
	1466	1448	Purchase Intent* | Health and Medical Services | Skin Care Treatments |	Purchase Intent*	Health and Medical Services	Skin Care Treatments				See *Purchase Intent Classification* Extension
	1467	1448	Purchase Intent* | Health and Medical Services | Smoking Cessation |	Purchase Intent*	Health and Medical Services	Smoking Cessation				See *Purchase Intent Classification* Extension
	1469	1448	Purchase Intent* | Health and Medical Services | Vaccines |	Purchase Intent*	Health and Medical Services	Vaccines				See *Purchase Intent Classification* Extension
	1470	1448	Purchase Intent* | Health and Medical Services | Vision Care |	Purchase Intent*	Health and Medical Services	Vision Care				See *Purchase Intent Classification* Extension
	1471	752	Purchase Intent* | Hobbies and Interests	Purchase Intent*	Hobbies and Interests					See *Purchase Intent Classification* Extension
	1472	1471	Purchase Intent* | Hobbies and Interests | Arts and Crafts |	Purchase Intent*	Hobbies and Interests	Arts and Crafts				See *Purchase Intent Classification* Extension
	1473	1471	Purchase Intent* | Hobbies and Interests | Musical Instruments and Accessories |	Purchase Intent*	Hobbies and Interests	Musical Instruments and Accessories				See *Purchase Intent Classification* Extension
	1474	1471	Purchase Intent* | Hobbies and Interests | Psychics and Astrology |	Purchase Intent*	Hobbies and Interests	Psychics and Astrology				See *Purchase Intent Classification* Extension
	1475	1471	Purchase Intent* | Hobbies and Interests | Workshops and Classes |	Purchase Intent*	Hobbies and Interests	Workshops and Classes				See *Purchase Intent Classification* Extension
	1476	752	Purchase Intent* | Home and Garden Services	Purchase Intent*	Home and Garden Services					See *Purchase Intent Classification* Extension
	1477	1476	Purchase Intent* | Home and Garden Services | Appliance Repair |	Purchase Intent*	Home and Garden Services	Appliance Repair				See *Purchase Intent Classification* Extension
	1478	1476	Purchase Intent* | Home and Garden Services | Business and Home Security Services |	Purchase Intent*	Home and Garden Services	Business and Home Security Services				See *Purchase Intent Classification* Extension
	1479	1476	Purchase Intent* | Home and Garden Services | Carpeting and Flooring Services |	Purchase Intent*	Home and Garden Services	Carpeting and Flooring Services				See *Purchase Intent Classification* Extension
	1480	1476	Purchase Intent* | Home and Garden Services | Emergency Preparedness |	Purchase Intent*	Home and Garden Services	Emergency Preparedness				See *Purchase Intent Classification* Extension
	1481	1476	Purchase Intent* | Home and Garden Services | Flood, Fire and Gas Safety |	Purchase Intent*	Home and Garden Services	Flood, Fire and Gas Safety				See *Purchase Intent Classification* Extension
	1482	1476	Purchase Intent* | Home and Garden Services | Gas and Electric Services |	Purchase Intent*	Home and Garden Services	Gas and Electric Services				See *Purchase Intent Classification* Extension
	1483	1476	Purchase Intent* | Home and Garden Services | Home Improvement and Repair |	Purchase Intent*	Home and Garden Services	Home Improvement and Repair				See *Purchase Intent Classification* Extension
	1484	1476	Purchase Intent* | Home and Garden Services | Housekeeping Services |	Purchase Intent*	Home and Garden Services	Housekeeping Services				See *Purchase Intent Classification* Extension
	1485	1476	Purchase Intent* | Home and Garden Services | Landscaping Services |	Purchase Intent*	Home and Garden Services	Landscaping Services				See *Purchase Intent Classification* Extension
	1486	1476	Purchase Intent* | Home and Garden Services | Lawn and Garden Services |	Purchase Intent*	Home and Garden Services	Lawn and Garden Services				See *Purchase Intent Classification* Extension
	1487	1476	Purchase Intent* | Home and Garden Services | Pest Exterminators |	Purchase Intent*	Home and Garden Services	Pest Exterminators				See *Purchase Intent Classification* Extension
	1488	1476	Purchase Intent* | Home and Garden Services | Plumbers |	Purchase Intent*	Home and Garden Services	Plumbers				See *Purchase Intent Classification* Extension
	1489	1476	Purchase Intent* | Home and Garden Services | Pool and Spa Installation and Maintenance |	Purchase Intent*	Home and Garden Services	Pool and Spa Installation and Maintenance				See *Purchase Intent Classification* Extension
	1490	1476	Purchase Intent* | Home and Garden Services | Remodeling and Construction |	Purchase Intent*	Home and Garden Services	Remodeling and Construction				See *Purchase Intent Classification* Extension
	1491	1476	Purchase Intent* | Home and Garden Services | Water Services |	Purchase Intent*	Home and Garden Services	Water Services				See *Purchase Intent Classification* Extension
	1492	1476	Purchase Intent* | Home and Garden Services | Window Installation and Treatments |	Purchase Intent*	Home and Garden Services	Window Installation and Treatments				See *Purchase Intent Classification* Extension
	1493	752	Purchase Intent* | Legal Services	Purchase Intent*	Legal Services					See *Purchase Intent Classification* Extension
	1494	1493	Purchase Intent* | Legal Services | Attorneys |	Purchase Intent*	Legal Services	Attorneys				See *Purchase Intent Classification* Extension
	1495	1493	Purchase Intent* | Legal Services | Bail Bonds |	Purchase Intent*	Legal Services	Bail Bonds				See *Purchase Intent Classification* Extension
	1496	752	Purchase Intent* | Life Events	Purchase Intent*	Life Events					See *Purchase Intent Classification* Extension
	1497	1496	Purchase Intent* | Life Events | Anniversary |	Purchase Intent*	Life Events	Anniversary				See *Purchase Intent Classification* Extension
	1498	1496	Purchase Intent* | Life Events | Baby Showers |	Purchase Intent*	Life Events	Baby Showers				See *Purchase Intent Classification* Extension
	1499	1496	Purchase Intent* | Life Events | Bachelor and Bachelorette Parties |	Purchase Intent*	Life Events	Bachelor and Bachelorette Parties				See *Purchase Intent Classification* Extension
	1500	1496	Purchase Intent* | Life Events | Birthdays |	Purchase Intent*	Life Events	Birthdays				See *Purchase Intent Classification* Extension
	1501	1496	Purchase Intent* | Life Events | Births |	Purchase Intent*	Life Events	Births				See *Purchase Intent Classification* Extension
	1502	1496	Purchase Intent* | Life Events | Funeral Supplies and Services |	Purchase Intent*	Life Events	Funeral Supplies and Services				See *Purchase Intent Classification* Extension
	1503	1496	Purchase Intent* | Life Events | Graduations |	Purchase Intent*	Life Events	Graduations				See *Purchase Intent Classification* Extension
	1504	1496	Purchase Intent* | Life Events | Proms |	Purchase Intent*	Life Events	Proms				See *Purchase Intent Classification* Extension
	1505	1496	Purchase Intent* | Life Events | Wedding Services and Supplies |	Purchase Intent*	Life Events	Wedding Services and Supplies				See *Purchase Intent Classification* Extension
	1506	752	Purchase Intent* | Logistics and Delivery	Purchase Intent*	Logistics and Delivery					See *Purchase Intent Classification* Extension
	1507	1506	Purchase Intent* | Logistics and Delivery | Shipping Services |	Purchase Intent*	Logistics and Delivery	Shipping Services				See *Purchase Intent Classification* Extension
	1508	1506	Purchase Intent* | Logistics and Delivery | Storage Facilities |	Purchase Intent*	Logistics and Delivery	Storage Facilities				See *Purchase Intent Classification* Extension
	1538	752	Purchase Intent* | Non-Profits	Purchase Intent*	Non-Profits					See *Purchase Intent Classification* Extension
	1539	1538	Purchase Intent* | Non-Profits | Charities and Donations |	Purchase Intent*	Non-Profits	Charities and Donations				See *Purchase Intent Classification* Extension
	1540	1538	Purchase Intent* | Non-Profits | Civic Organizations |	Purchase Intent*	Non-Profits	Civic Organizations				See *Purchase Intent Classification* Extension
	1541	1538	Purchase Intent* | Non-Profits | Federations and Professional Associations |	Purchase Intent*	Non-Profits	Federations and Professional Associations				See *Purchase Intent Classification* Extension
	1542	1538	Purchase Intent* | Non-Profits | Military Organizations |	Purchase Intent*	Non-Profits	Military Organizations				See *Purchase Intent Classification* Extension
	1543	1538	Purchase Intent* | Non-Profits | NGOs |	Purchase Intent*	Non-Profits	NGOs				See *Purchase Intent Classification* Extension
	1544	1538	Purchase Intent* | Non-Profits | PSAs |	Purchase Intent*	Non-Profits	PSAs				See *Purchase Intent Classification* Extension
	1546	752	Purchase Intent* | Office Equipment and Supplies	Purchase Intent*	Office Equipment and Supplies					See *Purchase Intent Classification* Extension
	1547	1546	Purchase Intent* | Office Equipment and Supplies | Office Furniture |	Purchase Intent*	Office Equipment and Supplies	Office Furniture				See *Purchase Intent Classification* Extension
	1548	1546	Purchase Intent* | Office Equipment and Supplies | Stationery |	Purchase Intent*	Office Equipment and Supplies	Stationery				See *Purchase Intent Classification* Extension
	1549	752	Purchase Intent* | Pet Services	Purchase Intent*	Pet Services					See *Purchase Intent Classification* Extension
	1550	1549	Purchase Intent* | Pet Services | Pet Breeders |	Purchase Intent*	Pet Services	Pet Breeders				See *Purchase Intent Classification* Extension
	1551	1549	Purchase Intent* | Pet Services | Pet Grooming |	Purchase Intent*	Pet Services	Pet Grooming				See *Purchase Intent Classification* Extension
	1552	1549	Purchase Intent* | Pet Services | Pet Sitting |	Purchase Intent*	Pet Services	Pet Sitting				See *Purchase Intent Classification* Extension
	1553	1549	Purchase Intent* | Pet Services | Pet Stores |	Purchase Intent*	Pet Services	Pet Stores				See *Purchase Intent Classification* Extension
	1554	1549	Purchase Intent* | Pet Services | Veterinary Services |	Purchase Intent*	Pet Services	Veterinary Services				See *Purchase Intent Classification* Extension
	1555	752	Purchase Intent* | Pharmaceuticals, Conditions, and Symptoms	Purchase Intent*	Pharmaceuticals, Conditions, and Symptoms					See *Purchase Intent Classification* Extension
	1585	752	Purchase Intent* | Real Estate	Purchase Intent*	Real Estate					See *Purchase Intent Classification* Extension
	1586	1585	Purchase Intent* | Real Estate | Commercial Real Estate |	Purchase Intent*	Real Estate	Commercial Real Estate				See *Purchase Intent Classification* Extension
	1587	1585	Purchase Intent* | Real Estate | Real Estate Rentals |	Purchase Intent*	Real Estate	Real Estate Rentals				See *Purchase Intent Classification* Extension
	1588	1585	Purchase Intent* | Real Estate | Real Estate Sales |	Purchase Intent*	Real Estate	Real Estate Sales				See *Purchase Intent Classification* Extension
	1589	1585	Purchase Intent* | Real Estate | Real Estate Services For Owners |	Purchase Intent*	Real Estate	Real Estate Services For Owners				See *Purchase Intent Classification* Extension
	1590	1585	Purchase Intent* | Real Estate | Residential Real Estate |	Purchase Intent*	Real Estate	Residential Real Estate				See *Purchase Intent Classification* Extension
	1591	752	Purchase Intent* | Recreation and Fitness Activities	Purchase Intent*	Recreation and Fitness Activities					See *Purchase Intent Classification* Extension
	1592	1591	Purchase Intent* | Recreation and Fitness Activities | Dance Studios |	Purchase Intent*	Recreation and Fitness Activities	Dance Studios				See *Purchase Intent Classification* Extension
	1593	1591	Purchase Intent* | Recreation and Fitness Activities | Gyms and Health Clubs |	Purchase Intent*	Recreation and Fitness Activities	Gyms and Health Clubs				See *Purchase Intent Classification* Extension
	1594	1591	Purchase Intent* | Recreation and Fitness Activities | Participant Sports Leagues |	Purchase Intent*	Recreation and Fitness Activities	Participant Sports Leagues				See *Purchase Intent Classification* Extension
	1595	1591	Purchase Intent* | Recreation and Fitness Activities | Personal Trainers |	Purchase Intent*	Recreation and Fitness Activities	Personal Trainers				See *Purchase Intent Classification* Extension
	1596	1591	Purchase Intent* | Recreation and Fitness Activities | Self Defense and Martial Arts Classes |	Purchase Intent*	Recreation and Fitness Activities	Self Defense and Martial Arts Classes				See *Purchase Intent Classification* Extension
	1597	1591	Purchase Intent* | Recreation and Fitness Activities | Swimming Facilities |	Purchase Intent*	Recreation and Fitness Activities	Swimming Facilities				See *Purchase Intent Classification* Extension
	1598	1591	Purchase Intent* | Recreation and Fitness Activities | Yoga Studios |	Purchase Intent*	Recreation and Fitness Activities	Yoga Studios				See *Purchase Intent Classification* Extension
	1599	752	Purchase Intent* | Software	Purchase Intent*	Software					See *Purchase Intent Classification* Extension
	1600	1599	Purchase Intent* | Software | Computer Software |	Purchase Intent*	Software	Computer Software				See *Purchase Intent Classification* Extension
	1601	1600	Purchase Intent* | Software | 3-D Graphics |	Purchase Intent*	Software	Computer Software	3-D Graphics			See *Purchase Intent Classification* Extension
	1602	1600	Purchase Intent* | Software | Photo Editing Software |	Purchase Intent*	Software	Computer Software	Photo Editing Software			See *Purchase Intent Classification* Extension
	1603	1600	Purchase Intent* | Software | Shareware and Freeware |	Purchase Intent*	Software	Computer Software	Shareware and Freeware			See *Purchase Intent Classification* Extension
	1604	1600	Purchase Intent* | Software | Video Software |	Purchase Intent*	Software	Computer Software	Video Software			See *Purchase Intent Classification* Extension
	1605	1600	Purchase Intent* | Software | Web Conferencing |	Purchase Intent*	Software	Computer Software	Web Conferencing			See *Purchase Intent Classification* Extension
	1606	1600	Purchase Intent* | Software | Antivirus Software |	Purchase Intent*	Software	Computer Software	Antivirus Software			See *Purchase Intent Classification* Extension
	1607	1600	Purchase Intent* | Software | Browsers |	Purchase Intent*	Software	Computer Software	Browsers			See *Purchase Intent Classification* Extension
	1608	1600	Purchase Intent* | Software | Computer Animation |	Purchase Intent*	Software	Computer Software	Computer Animation			See *Purchase Intent Classification* Extension
	1609	1600	Purchase Intent* | Software | Databases |	Purchase Intent*	Software	Computer Software	Databases			See *Purchase Intent Classification* Extension
	1610	1600	Purchase Intent* | Software | Desktop Publishing |	Purchase Intent*	Software	Computer Software	Desktop Publishing			See *Purchase Intent Classification* Extension
	1611	1600	Purchase Intent* | Software | Digital Audio |	Purchase Intent*	Software	Computer Software	Digital Audio			See *Purchase Intent Classification* Extension
	1612	1600	Purchase Intent* | Software | Graphics Software |	Purchase Intent*	Software	Computer Software	Graphics Software			See *Purchase Intent Classification* Extension
	1613	1600	Purchase Intent* | Software | Operating Systems |	Purchase Intent*	Software	Computer Software	Operating Systems			See *Purchase Intent Classification* Extension
	1614	1600	Purchase Intent* | Software | Productivity Software |	Purchase Intent*	Software	Computer Software	Productivity Software			See *Purchase Intent Classification* Extension
	1615	1600	Purchase Intent* | Software | Messaging Software |	Purchase Intent*	Software	Computer Software	Messaging Software			See *Purchase Intent Classification* Extension
	1616	1600	Purchase Intent* | Software | Gaming Software |	Purchase Intent*	Software	Computer Software	Gaming Software			See *Purchase Intent Classification* Extension
	1617	1599	Purchase Intent* | Software | Digital Goods and Currency |	Purchase Intent*	Software	Digital Goods and Currency				See *Purchase Intent Classification* Extension
	1618	752	Purchase Intent* | Sporting Goods	Purchase Intent*	Sporting Goods					See *Purchase Intent Classification* Extension
	1619	1618	Purchase Intent* | Sporting Goods | Athletics Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment				See *Purchase Intent Classification* Extension
	1620	1619	Purchase Intent* | Sporting Goods | Baseball and Softball Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment	Baseball and Softball Equipment			See *Purchase Intent Classification* Extension
	1621	1619	Purchase Intent* | Sporting Goods | Basketball Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment	Basketball Equipment			See *Purchase Intent Classification* Extension
	1622	1619	Purchase Intent* | Sporting Goods | Boxing and Martial Arts Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment	Boxing and Martial Arts Equipment			See *Purchase Intent Classification* Extension
	1623	1619	Purchase Intent* | Sporting Goods | Figure Skating and Hockey Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment	Figure Skating and Hockey Equipment			See *Purchase Intent Classification* Extension
	1624	1619	Purchase Intent* | Sporting Goods | Football Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment	Football Equipment			See *Purchase Intent Classification* Extension
	1625	1619	Purchase Intent* | Sporting Goods | General Purpose Athletic Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment	General Purpose Athletic Equipment			See *Purchase Intent Classification* Extension
	1626	1619	Purchase Intent* | Sporting Goods | Gymnastics Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment	Gymnastics Equipment			See *Purchase Intent Classification* Extension
	1627	1619	Purchase Intent* | Sporting Goods | Soccer Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment	Soccer Equipment			See *Purchase Intent Classification* Extension
	1628	1619	Purchase Intent* | Sporting Goods | Tennis Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment	Tennis Equipment			See *Purchase Intent Classification* Extension
	1629	1619	Purchase Intent* | Sporting Goods | Track and Field Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment	Track and Field Equipment			See *Purchase Intent Classification* Extension
	1630	1619	Purchase Intent* | Sporting Goods | Volleyball Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment	Volleyball Equipment			See *Purchase Intent Classification* Extension
	1631	1619	Purchase Intent* | Sporting Goods | Water Polo Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment	Water Polo Equipment			See *Purchase Intent Classification* Extension
	1632	1619	Purchase Intent* | Sporting Goods | Wrestling Equipment |	Purchase Intent*	Sporting Goods	Athletics Equipment	Wrestling Equipment			See *Purchase Intent Classification* Extension
	1633	1618	Purchase Intent* | Sporting Goods | Exercise and Fitness Equipment |	Purchase Intent*	Sporting Goods	Exercise and Fitness Equipment				See *Purchase Intent Classification* Extension
	1634	1618	Purchase Intent* | Sporting Goods | Indoor Games Equipment |	Purchase Intent*	Sporting Goods	Indoor Games Equipment				See *Purchase Intent Classification* Extension
	1635	1618	Purchase Intent* | Sporting Goods | Outdoor Recreation Equipment |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment				See *Purchase Intent Classification* Extension
	1636	1635	Purchase Intent* | Sporting Goods | Boating and Water Sports Equipment |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment	Boating and Water Sports Equipment			See *Purchase Intent Classification* Extension
	1637	1635	Purchase Intent* | Sporting Goods | Camping and Hiking Equipment |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment	Camping and Hiking Equipment			See *Purchase Intent Classification* Extension
	1638	1635	Purchase Intent* | Sporting Goods | Climbing Equipment |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment	Climbing Equipment			See *Purchase Intent Classification* Extension
	1639	1635	Purchase Intent* | Sporting Goods | Bicycles and Cycling Equipment |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment	Bicycles and Cycling Equipment			See *Purchase Intent Classification* Extension
	1640	1635	Purchase Intent* | Sporting Goods | Equestrian Equipment |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment	Equestrian Equipment			See *Purchase Intent Classification* Extension
	1641	1635	Purchase Intent* | Sporting Goods | Fishing Equipment |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment	Fishing Equipment			See *Purchase Intent Classification* Extension
	1642	1635	Purchase Intent* | Sporting Goods | Golf Equipment |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment	Golf Equipment			See *Purchase Intent Classification* Extension
	1643	1635	Purchase Intent* | Sporting Goods | Hang Gliding and Skydiving Equipment |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment	Hang Gliding and Skydiving Equipment			See *Purchase Intent Classification* Extension
	1644	1635	Purchase Intent* | Sporting Goods | Hunting and Shooting Equipment |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment	Hunting and Shooting Equipment			See *Purchase Intent Classification* Extension
	1645	1635	Purchase Intent* | Sporting Goods | Inline and Roller Skating Equipment |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment	Inline and Roller Skating Equipment			See *Purchase Intent Classification* Extension
	1646	1635	Purchase Intent* | Sporting Goods | Outdoor Games Equipment |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment	Outdoor Games Equipment			See *Purchase Intent Classification* Extension
	1647	1635	Purchase Intent* | Sporting Goods | Skateboards and Accessories |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment	Skateboards and Accessories			See *Purchase Intent Classification* Extension
	1648	1635	Purchase Intent* | Sporting Goods | Winter Sports Equipment |	Purchase Intent*	Sporting Goods	Outdoor Recreation Equipment	Winter Sports Equipment			See *Purchase Intent Classification* Extension
	1649	752	Purchase Intent* | Travel and Tourism	Purchase Intent*	Travel and Tourism					See *Purchase Intent Classification* Extension
	1650	1649	Purchase Intent* | Travel and Tourism | Adventure Travel |	Purchase Intent*	Travel and Tourism	Adventure Travel				See *Purchase Intent Classification* Extension
	1651	1649	Purchase Intent* | Travel and Tourism | Air Travel |	Purchase Intent*	Travel and Tourism	Air Travel				See *Purchase Intent Classification* Extension
	1652	1649	Purchase Intent* | Travel and Tourism | Auto Rental |	Purchase Intent*	Travel and Tourism	Auto Rental				See *Purchase Intent Classification* Extension
	1653	1649	Purchase Intent* | Travel and Tourism | Beach Travel |	Purchase Intent*	Travel and Tourism	Beach Travel				See *Purchase Intent Classification* Extension
	1654	1649	Purchase Intent* | Travel and Tourism | Bed and Breakfasts |	Purchase Intent*	Travel and Tourism	Bed and Breakfasts				See *Purchase Intent Classification* Extension
	1655	1649	Purchase Intent* | Travel and Tourism | Budget Travel |	Purchase Intent*	Travel and Tourism	Budget Travel				See *Purchase Intent Classification* Extension
	1656	1649	Purchase Intent* | Travel and Tourism | Business Travel |	Purchase Intent*	Travel and Tourism	Business Travel				See *Purchase Intent Classification* Extension
	1657	1656	Purchase Intent* | Travel and Tourism | Taxi Services |	Purchase Intent*	Travel and Tourism	Business Travel	Taxi Services			See *Purchase Intent Classification* Extension
	1658	1656	Purchase Intent* | Travel and Tourism | Ride-sharing Services |	Purchase Intent*	Travel and Tourism	Business Travel	Ride-sharing Services			See *Purchase Intent Classification* Extension
	1659	1649	Purchase Intent* | Travel and Tourism | Camping |	Purchase Intent*	Travel and Tourism	Camping				See *Purchase Intent Classification* Extension
	1660	1649	Purchase Intent* | Travel and Tourism | Coach Travel |	Purchase Intent*	Travel and Tourism	Coach Travel				See *Purchase Intent Classification* Extension
	1661	1649	Purchase Intent* | Travel and Tourism | Cruise Travel |	Purchase Intent*	Travel and Tourism	Cruise Travel				See *Purchase Intent Classification* Extension
	1662	1649	Purchase Intent* | Travel and Tourism | Day Trips |	Purchase Intent*	Travel and Tourism	Day Trips				See *Purchase Intent Classification* Extension
	1663	1649	Purchase Intent* | Travel and Tourism | Family Travel |	Purchase Intent*	Travel and Tourism	Family Travel				See *Purchase Intent Classification* Extension
	1664	1649	Purchase Intent* | Travel and Tourism | Ferry Travel |	Purchase Intent*	Travel and Tourism	Ferry Travel				See *Purchase Intent Classification* Extension
	1665	1649	Purchase Intent* | Travel and Tourism | Honeymoons and Getaways |	Purchase Intent*	Travel and Tourism	Honeymoons and Getaways				See *Purchase Intent Classification* Extension
	1666	1649	Purchase Intent* | Travel and Tourism | Hotels and Resorts |	Purchase Intent*	Travel and Tourism	Hotels and Resorts				See *Purchase Intent Classification* Extension
	1667	1649	Purchase Intent* | Travel and Tourism | Motels |	Purchase Intent*	Travel and Tourism	Motels				See *Purchase Intent Classification* Extension
	1668	1649	Purchase Intent* | Travel and Tourism | Passenger Transportation |	Purchase Intent*	Travel and Tourism	Passenger Transportation				See *Purchase Intent Classification* Extension
	1669	1649	Purchase Intent* | Travel and Tourism | Rail Travel |	Purchase Intent*	Travel and Tourism	Rail Travel				See *Purchase Intent Classification* Extension
	1670	1649	Purchase Intent* | Travel and Tourism | Road Trips |	Purchase Intent*	Travel and Tourism	Road Trips				See *Purchase Intent Classification* Extension
	1671	1649	Purchase Intent* | Travel and Tourism | Sightseeing Tours and Activities |	Purchase Intent*	Travel and Tourism	Sightseeing Tours and Activities				See *Purchase Intent Classification* Extension
	1672	1649	Purchase Intent* | Travel and Tourism | Spas |	Purchase Intent*	Travel and Tourism	Spas				See *Purchase Intent Classification* Extension
	1673	1649	Purchase Intent* | Travel and Tourism | Timeshares |	Purchase Intent*	Travel and Tourism	Timeshares				See *Purchase Intent Classification* Extension
	1674	1649	Purchase Intent* | Travel and Tourism | Travel Agents and Online Travel Services |	Purchase Intent*	Travel and Tourism	Travel Agents and Online Travel Services				See *Purchase Intent Classification* Extension
	1675	1649	Purchase Intent* | Travel and Tourism | Travel Insurance |	Purchase Intent*	Travel and Tourism	Travel Insurance				See *Purchase Intent Classification* Extension
	1676	752	Purchase Intent* | Web Services	Purchase Intent*	Web Services					See *Purchase Intent Classification* Extension
	1677	1676	Purchase Intent* | Web Services | Domain Services |	Purchase Intent*	Web Services	Domain Services				See *Purchase Intent Classification* Extension
	1678	1676	Purchase Intent* | Web Services | Internet Providers |	Purchase Intent*	Web Services	Internet Providers				See *Purchase Intent Classification* Extension
	1679	1676	Purchase Intent* | Web Services | Web Hosting and Cloud Computing |	Purchase Intent*	Web Services	Web Hosting and Cloud Computing				See *Purchase Intent Classification* Extension
`;
