import { column, type DatasetSchema } from '../dataset-schema.ts';

/** schema.json of the asset-register dataset. */
export const assetRegisterSchema: DatasetSchema = {
  title: 'Asset register: three substations and their maintenance history',
  description:
    "The utility's register of substation and line equipment for Cedar Hollow, Maple Valley and Granite Point substations, with every maintenance record from the asset management system up to 31 July 2024. Asset ids of Cedar Hollow's breakers, relays, reclosers and transformers match the device column of the alarm-log dataset, and its feeders F1 to F4 match the scada-week dataset.",
  tables: [
    {
      name: 'assets',
      description: 'One row per asset.',
      columns: [
        column(
          'asset_id',
          'TEXT',
          null,
          "Asset id: substation code, kind and position, e.g. 'CH-BRK-F3'.",
        ),
        column(
          'type',
          'TEXT',
          null,
          "'breaker', 'recloser', 'relay', 'transformer', 'regulator', 'capacitor_bank', 'rtu' or 'battery'.",
        ),
        column(
          'substation',
          'TEXT',
          null,
          "Substation name: 'Cedar Hollow', 'Maple Valley' or 'Granite Point'.",
        ),
        column(
          'feeder',
          'TEXT',
          null,
          "Feeder the asset serves, e.g. 'F3'; NULL for station-wide equipment such as transformers and batteries.",
        ),
        column('manufacturer', 'TEXT', null, 'Manufacturer name.'),
        column('model', 'TEXT', null, "Manufacturer's model designation."),
        column('install_date', 'TEXT', null, "Date the asset was put in service, 'YYYY-MM-DD'."),
        column(
          'rating',
          'TEXT',
          null,
          "Nameplate rating as written on the register, e.g. '15 kV 1200 A 25 kA' or '138/13.8 kV 28 MVA'.",
        ),
      ],
    },
    {
      name: 'maintenance',
      description: 'One row per maintenance work order closed on an asset.',
      columns: [
        column('id', 'INTEGER', null, 'Work order number.'),
        column('asset_id', 'TEXT', null, 'Asset worked on; matches assets.asset_id.'),
        column('date', 'TEXT', null, "Date the work was done, 'YYYY-MM-DD'."),
        column(
          'kind',
          'TEXT',
          null,
          "'inspection', 'infrared_scan', 'timing_test', 'oil_analysis', 'relay_test', 'battery_test', 'repair' or 'replacement'.",
        ),
        column('finding', 'TEXT', null, 'What the crew found or did, in their words.'),
        column('cost', 'REAL', 'USD', 'Labour and material cost of the work order.'),
      ],
    },
  ],
};
